#pragma once
// SHA-256 (FIPS 180-4), enough for the bundle's source hash; no crypto library needed.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace replyc::codegen {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  // The digest; the object must not be updated afterwards.
  std::array<std::uint8_t, 32> finish();
  // Lower-case hex of finish().
  std::string hex();

 private:
  void block(const std::uint8_t* data);

  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes seen
};

std::string sha256_hex(std::string_view bytes);

}  // namespace replyc::codegen
