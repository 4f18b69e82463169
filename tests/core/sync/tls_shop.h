// A tiny demo store served by the platform simulator over HTTPS (WooCommerce takes REST keys over
// HTTPS only), and the client options that reach it: the setup the price-push and real-shop sync
// tests share. Tweak the simulator (shapes, feeds, strict auth) before it starts.
#pragma once

#include <QTemporaryDir>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "demo/demo_generator.h"
#include "store/database.h"
#include "sync/platform_sim.h"
#include "sync/woo_sync.h"

namespace shoppilot::test {

struct TlsShop {
    std::string source; // the shop's own store (the simulator serves it)
    std::unique_ptr<sync::PlatformSimulator> server;
    sync::SyncOptions client; // base URL, keys and CA file set; everything else default
};

inline TlsShop startTlsShop(const QTemporaryDir& dir, std::uint64_t seed, const std::string& key, const std::string& secret,
                            const std::function<void(sync::SimulatorOptions&)>& tweak = {})
{
    const std::string source = dir.filePath("shop.db").toStdString();
    {
        auto db = store::Database::open(source, {store::OpenMode::CreateIfMissing});
        demo::generateDemoStore(db, {demo::DemoSize::Tiny, seed}, {});
    }
    sync::SimulatorOptions so;
    so.storePath = source;
    so.key = key;
    so.secret = secret;
    so.tls = true;
    so.certOut = dir.filePath("sim.pem").toStdString();
    if (tweak)
        tweak(so);
    TlsShop shop;
    shop.source = source;
    shop.server = std::make_unique<sync::PlatformSimulator>(so);
    shop.server->start();
    shop.client.baseUrl = shop.server->baseUrl();
    shop.client.key = key;
    shop.client.secret = secret;
    shop.client.caFile = shop.server->certPath();
    return shop;
}

} // namespace shoppilot::test
