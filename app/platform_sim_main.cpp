// shoppilot-platform-sim: a local WooCommerce-like API over a ShopPilot store, for developing and
// testing sync and webhooks (core/sync/platform_sim.h). Prints "listening on URL" once it serves.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "common/error.h"
#include "sync/platform_sim.h"

namespace {

constexpr const char* kUsage =
    "usage: shoppilot-platform-sim --db STORE [--port N] [--key K --secret S] [--tls] [--cert-out FILE]\n"
    "         [--webhook-url URL --webhook-secret S] [--play-rate R] [--fail-rate F] [--rate-limit N]\n"
    "         [--slow-ms M] [--malformed-rate F] [--drop-rate F] [--duplicate-webhooks]\n"
    "         [--reorder-webhooks] [--seed N] [--no-event-feed] [--woo-shapes] [--strict-auth]\n"
    "         [--weight-unit kg|g]\n";

[[noreturn]] void usage(const std::string& problem)
{
    std::cerr << "shoppilot-platform-sim: " << problem << "\n" << kUsage;
    std::exit(2);
}

double toDouble(const std::string& flag, const std::string& v)
{
    try {
        std::size_t used = 0;
        const double d = std::stod(v, &used);
        if (used == v.size())
            return d;
    } catch (const std::exception&) {
    }
    usage(flag + " needs a number, got '" + v + "'");
}

long long toInt(const std::string& flag, const std::string& v)
{
    try {
        std::size_t used = 0;
        const long long n = std::stoll(v, &used);
        if (used == v.size())
            return n;
    } catch (const std::exception&) {
    }
    usage(flag + " needs an integer, got '" + v + "'");
}

} // namespace

int main(int argc, char** argv)
{
    shoppilot::sync::SimulatorOptions o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                usage(a + " needs a value");
            return argv[++i];
        };
        if (a == "--db")
            o.storePath = value();
        else if (a == "--port") {
            const long long p = toInt(a, value());
            if (p < 0 || p > 65535)
                usage("--port must be 0..65535");
            o.port = static_cast<std::uint16_t>(p);
        } else if (a == "--key")
            o.key = value();
        else if (a == "--secret")
            o.secret = value();
        else if (a == "--tls")
            o.tls = true;
        else if (a == "--cert-out")
            o.certOut = value();
        else if (a == "--webhook-url")
            o.webhookUrl = value();
        else if (a == "--webhook-secret")
            o.webhookSecret = value();
        else if (a == "--play-rate")
            o.playRate = toDouble(a, value());
        else if (a == "--fail-rate")
            o.failRate = toDouble(a, value());
        else if (a == "--rate-limit")
            o.rateLimitPerSecond = toDouble(a, value());
        else if (a == "--slow-ms")
            o.slowMs = static_cast<int>(toInt(a, value()));
        else if (a == "--malformed-rate")
            o.malformedRate = toDouble(a, value());
        else if (a == "--drop-rate")
            o.dropRate = toDouble(a, value());
        else if (a == "--duplicate-webhooks")
            o.duplicateWebhooks = true;
        else if (a == "--reorder-webhooks")
            o.reorderWebhooks = true;
        else if (a == "--no-event-feed")
            o.eventFeed = false;
        else if (a == "--woo-shapes")
            o.wooShapes = true;
        else if (a == "--strict-auth")
            o.strictAuth = true;
        else if (a == "--weight-unit") {
            o.weightUnit = value();
            if (o.weightUnit != "kg" && o.weightUnit != "g")
                usage("--weight-unit must be kg or g");
        }
        else if (a == "--seed")
            o.seed = static_cast<std::uint64_t>(toInt(a, value()));
        else if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            return 0;
        } else
            usage("unknown option '" + a + "'");
    }
    if (o.storePath.empty())
        usage("--db is required");
    if (!o.certOut.empty() && !o.tls)
        usage("--cert-out needs --tls");
    if (!o.webhookUrl.empty() && o.webhookSecret.empty())
        usage("--webhook-url needs --webhook-secret");

    // Block the stop signals before any thread starts, so only sigwait() below receives them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    shoppilot::sync::PlatformSimulator sim(o);
    try {
        sim.start();
    } catch (const shoppilot::Error& e) {
        std::cerr << "shoppilot-platform-sim: " << e.what() << "\n";
        return e.code() == shoppilot::ErrorCode::InvalidArgument ? 2 : 1;
    }
    std::cout << "listening on " << sim.baseUrl() << std::endl;
    if (o.tls)
        std::cout << "certificate " << sim.certPath() << std::endl;
    int sig = 0;
    sigwait(&signals, &sig);
    sim.stop();
    const auto s = sim.stats();
    std::cerr << "shoppilot-platform-sim: stopped after " << s.requests << " requests, " << s.ordersPlayed
              << " new orders, " << s.webhooksSent << " webhooks\n";
    return 0;
}
