#pragma once
// A small clean project: a template in two locales that uses a project snippet and the
// standard library.
#include <string>

#include "harness.hpp"

namespace replyc::lsp::test {

inline const std::string kMain = R"(use std
use "snippets.reply"

template shop.late
  title:        Parcel is running late
  scenario:     shipping_delay
  kind:         reply
  marketplaces: US DE
  params:
    order_id:    order_id   required
    buyer_name:  buyer_name
    count:       count      required
    eta:         date       required
    seller_name: text       required

[en]
greeting   = {buyer_name, select, none {Hello,} other {Hello {buyer_name},}}
confirm    = Your order {order_id} with {count, plural, one {# parcel} other {# parcels}} is late.
solution   = It is now expected on {eta:long}.
next_steps = {@shop.help}
closing    = {@signoff.formal}

[de]
greeting   = {buyer_name, select, none {Guten Tag,} other {Guten Tag {buyer_name},}}
confirm    = Ihre Bestellung {order_id} mit {count, plural, one {# Paket} other {# Paketen}} ist spät.
solution   = Sie wird nun am {eta:long} erwartet.
next_steps = {@shop.help}
closing    = {@signoff.formal}
)";

inline const std::string kSnippets = R"(snippet shop.help

[en]
text = If it has not arrived by then, simply reply to this message.

[de]
text = Falls sie bis dahin nicht ankommt, antworten Sie einfach auf diese Nachricht.
)";

struct Fixture {
  TempDir dir;
  Client client;
  std::string main;
  std::string snippets;

  explicit Fixture(ClientOptions options = {}) : client(std::move(options)) {
    dir.write("replyc.json", "{}");
    dir.write("snippets.reply", kSnippets);
    dir.write("main.reply", kMain);
    main = dir.uri("main.reply");
    snippets = dir.uri("snippets.reply");
    client.open(main, kMain);
  }
};

}  // namespace replyc::lsp::test
