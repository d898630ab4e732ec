# replyc_embed(OUTPUT out.cpp NAMESPACE ns FUNCTION fn BASE dir FILES f...)
# Generates a .cpp defining `std::span<const EmbeddedFile> ns::fn()` holding each file's bytes,
# keyed by its path relative to BASE. Regenerated whenever one of the files changes.
set(REPLYC_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/ReplycEmbedScript.cmake)

function(replyc_embed)
  cmake_parse_arguments(E "" "OUTPUT;NAMESPACE;FUNCTION;BASE" "FILES" ${ARGN})
  string(REPLACE ";" "|" files_arg "${E_FILES}")
  add_custom_command(
    OUTPUT ${E_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${E_OUTPUT} -DNAMESPACE=${E_NAMESPACE}
            -DFUNCTION=${E_FUNCTION} -DBASE=${E_BASE} "-DFILES=${files_arg}"
            -P ${REPLYC_EMBED_SCRIPT}
    DEPENDS ${E_FILES} ${REPLYC_EMBED_SCRIPT}
    COMMENT "Embedding ${E_FUNCTION}"
    VERBATIM)
endfunction()
