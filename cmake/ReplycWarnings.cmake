# Warnings are errors on our own targets only (never on the packages we include).
function(replyc_target_defaults target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Werror)
  # GCC 12 (Debian 12) reports false -Wrestrict overlaps inside std::string (GCC bug 105329) and a
  # false -Wdangling-pointer in lambdas once -O3 inlines them; a Release build would not compile.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12)
    target_compile_options(${target} PRIVATE -Wno-restrict -Wno-dangling-pointer)
  endif()
endfunction()
