// Hand-made stores for the risk tests: customers and orders written with plain SQL, so each
// test states exactly the sequence it checks.
#pragma once

#include <QTemporaryDir>
#include <string>

#include "store/database.h"

namespace shoppilot::test {

struct HandOrder {
    std::int64_t id;
    std::int64_t customer;
    std::int64_t ts;
    std::int64_t totalMinor = 1000;
    std::string device = "dev1";
    std::string ip = "10.0.0.1";
    std::string card = "card1";
    std::string shipCountry = "GB";
    std::string billCountry = "GB";
    std::string ipCountry = "GB";
    std::string status = "completed";
    std::string address = "1 High St";
};

inline store::Database makeStore(const QTemporaryDir& dir, const char* name = "risk.db")
{
    return store::Database::open(dir.filePath(name).toStdString(), {store::OpenMode::CreateIfMissing});
}

inline void addCustomer(store::Database& db, std::int64_t id, std::int64_t createdAt)
{
    store::Statement s(db, "INSERT INTO customers(id, name, country, created_at, updated_at) VALUES(?, ?, 'GB', ?, ?)");
    s.bind(1, id).bind(2, "customer " + std::to_string(id)).bind(3, createdAt).bind(4, createdAt);
    s.step();
}

inline void addOrder(store::Database& db, const HandOrder& o)
{
    store::Statement s(db, "INSERT INTO orders(id, external_id, customer_id, created_at, updated_at, status, currency, total_minor,"
                           " payment_method, payment_fingerprint, device_id, ip, ip_country, ship_address, ship_postcode,"
                           " ship_country, bill_country) VALUES(?,?,?,?,?,?,'GBP',?,'card',?,?,?,?,?,'AB1',?,?)");
    s.bind(1, o.id).bind(2, "T-" + std::to_string(o.id)).bind(3, o.customer).bind(4, o.ts).bind(5, o.ts).bind(6, o.status)
        .bind(7, o.totalMinor).bind(8, o.card).bind(9, o.device).bind(10, o.ip).bind(11, o.ipCountry).bind(12, o.address)
        .bind(13, o.shipCountry).bind(14, o.billCountry);
    s.step();
}

inline void addChargeback(store::Database& db, std::int64_t orderId, std::int64_t ts)
{
    store::Statement s(db, "INSERT INTO refunds(order_id, created_at, amount_minor, kind, reason) VALUES(?,?,100,'chargeback','fraud')");
    s.bind(1, orderId).bind(2, ts);
    s.step();
}

} // namespace shoppilot::test
