// `replyc build|render|export` end to end, through the binary.
#include <catch2/catch.hpp>

#include "helpers.hpp"

using bundle_test::fixtures;
using bundle_test::read_file;
using bundle_test::run_replyc;

TEST_CASE("build writes a bundle, byte-identical whatever the argument order", "[cli]") {
  const auto dir = bundle_test::temp_dir("cli-build");
  const auto good = fixtures() / "good";
  const auto a = (dir / "a.bundle.json").string();
  const auto b = (dir / "b.bundle.json").string();
  auto run = run_replyc({"build", "--today", "2026-06-01", (good / "orders.reply").string(),
                         (good / "seasonal.reply").string(), (good / "rtl.reply").string(),
                         (good / "brand" / "lines.reply").string(), "-o", a});
  REQUIRE(run.status == 0);
  CHECK(run.out.empty());
  CHECK(run.err.find("3 templates, 5 locales, 2 excluded by their valid window") !=
        std::string::npos);
  run = run_replyc({"build", "--today", "2026-06-01", (good / "rtl.reply").string(),
                    (good / "brand" / "lines.reply").string(), (good / "seasonal.reply").string(),
                    (good / "orders.reply").string(), "-o", b, "-q"});
  REQUIRE(run.status == 0);
  CHECK(run.err.empty());
  CHECK(read_file(a) == read_file(b));
  // A folder gives the same bundle as its files.
  const auto c = (dir / "c.bundle.json").string();
  REQUIRE(run_replyc({"build", good.string(), "-o", c, "--today", "2026-06-01"}).status == 0);
  CHECK(read_file(a) == read_file(c));
  // REPLYC_TODAY stands in for --today.
  const auto d = (dir / "d.bundle.json").string();
  REQUIRE(run_replyc({"build", good.string(), "-o", d}, bundle_test::source_dir(),
                     "REPLYC_TODAY=2026-06-01")
              .status == 0);
  CHECK(read_file(a) == read_file(d));
  std::filesystem::remove_all(dir);
}

TEST_CASE("a build with errors writes nothing and keeps the previous bundle", "[cli]") {
  const auto dir = bundle_test::temp_dir("cli-errors");
  const auto out = (dir / "out.bundle.json").string();
  bundle_test::write_file(out, "previous\n");
  const auto run = run_replyc({"build", (fixtures() / "broken").string(), "-o", out});
  CHECK(run.status == 1);
  CHECK(run.err.find("error[") != std::string::npos);
  CHECK(run.err.find("nothing written to") != std::string::npos);
  CHECK(read_file(out) == "previous\n");
  std::vector<std::string> left;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    left.push_back(entry.path().filename().string());
  CHECK(left == std::vector<std::string>{"out.bundle.json"});
  std::filesystem::remove_all(dir);
}

TEST_CASE("build usage errors exit 2", "[cli]") {
  CHECK(run_replyc({"build", "/nonexistent/folder", "-o", "/tmp/x.json"}).status == 2);
  CHECK(run_replyc({"build", (fixtures() / "good").string()}).status == 2);
  const auto run =
      run_replyc({"build", (fixtures() / "good").string(), "-o", "/nonexistent/x.json"});
  CHECK(run.status == 2);
  CHECK(run.err.find("does not exist") != std::string::npos);
}

TEST_CASE("render prints the message, strictly checking params", "[cli]") {
  const std::string bundle = "tests/conformance/shop.bundle.json";
  auto run = run_replyc({"render", bundle, "--template", "notice.rtl", "--locale", "ar", "--param",
                         "order_id=114-3941689-8772232", "--param", "tracking=1Z999AA10123456784",
                         "--param", "seller_name=Kestrel"});
  CHECK(run.status == 0);
  CHECK(run.out.find("\u2068114-3941689-8772232\u2069") != std::string::npos);
  CHECK(run.out.back() == '\n');

  run = run_replyc({"render", bundle, "--template", "notice.rtl", "--locale", "ar", "--param",
                    "order_id=114-3941689-877223", "--param", "tracking=1Z999AA10123456784"});
  CHECK(run.status == 2);
  CHECK(run.out.empty());
  CHECK(run.err.find("[invalid-value]") != std::string::npos);
  CHECK(run.err.find("[missing-param]") != std::string::npos);

  run = run_replyc({"render", bundle, "--template", "nope", "--locale", "ar"});
  CHECK(run.status == 2);
  CHECK(run.err.find("[unknown-template]") != std::string::npos);

  run =
      run_replyc({"render", bundle, "--template", "notice.rtl", "--locale", "ar", "--param", "x"});
  CHECK(run.status == 2);
  CHECK(run.err.find("--param takes name=value") != std::string::npos);

  run = run_replyc({"render", "/nonexistent.bundle.json", "--template", "x", "--locale", "en"});
  CHECK(run.status == 2);
  CHECK(run.err.find("is not a usable bundle") != std::string::npos);
}

TEST_CASE("render reads params from a JSON file; --param wins", "[cli]") {
  const auto dir = bundle_test::temp_dir("cli-params");
  const auto params = dir / "params.json";
  bundle_test::write_file(params, R"({"order_id": "114-3941689-8772232", "amount": "12.99 EUR",
    "items": 2, "refunded_on": "2026-12-03", "seller_name": "File"})");
  const auto run = run_replyc({"render", "tests/conformance/shop.bundle.json", "--template",
                               "refund.partial", "--locale", "en", "--params", params.string(),
                               "--param", "seller_name=Flag", "--format", "json"});
  REQUIRE(run.status == 0);
  const auto out = nlohmann::json::parse(run.out);
  CHECK(out["sections"]["closing"] == "Kind regards,\nFlag");
  CHECK(out["sections"]["confirm"] ==
        "You told us that 2 items of order 114-3941689-8772232 arrived damaged.");
  bundle_test::write_file(params, "[1, 2]");
  CHECK(run_replyc({"render", "tests/conformance/shop.bundle.json", "--template", "refund.partial",
                    "--locale", "en", "--params", params.string()})
            .status == 2);
  std::filesystem::remove_all(dir);
}

TEST_CASE("export refuses what the spelling cannot express, else writes atomically", "[cli]") {
  const auto dir = bundle_test::temp_dir("cli-export");
  const auto out = (dir / "out.csv").string();
  bundle_test::write_file(out, "previous\n");
  auto run = run_replyc({"export", "tests/conformance/shop.bundle.json", "--format", "csv",
                         "--placeholders", "braces", "-o", out});
  CHECK(run.status == 2);
  CHECK(run.err.find("is a choice; a flat placeholder (braces) cannot choose") !=
        std::string::npos);
  CHECK(read_file(out) == "previous\n");

  run = run_replyc({"export", "tests/conformance/shop.bundle.json", "--format", "csv",
                    "--placeholders", "double-braces", "--skip-unexpressible", "-o", out});
  CHECK(run.status == 0);
  CHECK(run.err.find("warning: left out: template notice.rtl [ar]") != std::string::npos);
  const std::string csv = read_file(out);
  CHECK(csv.rfind("\xEF\xBB\xBF"
                  "template,locale,",
                  0) == 0);
  CHECK(csv.find("season.summer,en,Summer break notice") != std::string::npos);

  const auto map = dir / "map.json";
  bundle_test::write_file(map, R"({"seller_name": "%SHOP%"})");
  const auto json_out = (dir / "out.json").string();
  run =
      run_replyc({"export", "tests/conformance/shop.bundle.json", "--format", "json",
                  "--placeholders", "map:" + map.string(), "--skip-unexpressible", "-o", json_out});
  CHECK(run.status == 0);
  CHECK(read_file(json_out).find("Kind regards,\\n%SHOP%") != std::string::npos);

  run = run_replyc(
      {"export", "tests/conformance/shop.bundle.json", "--placeholders", "angles", "-o", out});
  CHECK(run.status == 2);
  run = run_replyc({"export", "tests/conformance/shop.bundle.json", "--placeholders",
                    "map:/nonexistent.json", "-o", out});
  CHECK(run.status == 2);
  CHECK(run.err.find("cannot read the mapping file") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("render runs the policy checks on the filled-in values", "[cli][policy]") {
#ifdef REPLYC_HAVE_POLICY
  const std::vector<std::string> base = {"render",     "tests/conformance/shop.bundle.json",
                                         "--template", "refund.partial",
                                         "--locale",   "en",
                                         "--param",    "order_id=114-3941689-8772232",
                                         "--param",    "amount=12.99 EUR",
                                         "--param",    "items=2",
                                         "--param",    "refunded_on=2026-12-03"};
  auto with = [&](std::vector<std::string> extra) {
    auto args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    return run_replyc(args);
  };
  // A buyer name that carries a link is caught; nothing is printed.
  auto run = with({"--param", "seller_name=Kestrel", "--param",
                   "buyer_name=Alex, see www.cheap-deals.example.com"});
  CHECK(run.status == 2);
  CHECK(run.out.empty());
  CHECK(run.err.find("breaks the messaging policy") != std::string::npos);
  // An email address in a free-text param as well.
  run = with({"--param", "seller_name=write to shop@example.com"});
  CHECK(run.status == 2);
  CHECK(run.err.find("@example.com") != std::string::npos);
  // Ordinary values pass, and the template's own text is not judged again here.
  run = with({"--param", "seller_name=Kestrel Outdoor", "--param", "buyer_name=Alex Morgan"});
  CHECK(run.status == 0);
  CHECK(run.out.find("Hello Alex Morgan,") == 0);
#else
  WARN("replyc was built without the policy engine (replyc_policy); render skips the scan");
#endif
}
