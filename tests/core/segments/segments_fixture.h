// Hand-made stores and feature tables for the segments tests: each test states exactly the
// customers and orders it checks.
#pragma once

#include <QTemporaryDir>
#include <string>

#include "common/time.h"
#include "segments/features.h"
#include "store/database.h"

namespace shoppilot::test {

constexpr Timestamp kDay0 = 1704067200; // 2024-01-01T00:00:00Z
inline Timestamp day(double d) { return kDay0 + Timestamp(d * kSecondsPerDay); }

inline store::Database makeSegStore(const QTemporaryDir& dir, const char* name = "seg.db")
{
    return store::Database::open(dir.filePath(name).toStdString(), {store::OpenMode::CreateIfMissing});
}

inline void addCustomer(store::Database& db, std::int64_t id, const std::string& name, const std::string& country = "GB",
                        const std::string& email = "")
{
    store::Statement s(db, "INSERT INTO customers(id, external_id, name, email_hash, country, created_at, updated_at)"
                           " VALUES(?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, id).bind(2, "C" + std::to_string(id)).bind(3, name).bind(4, email).bind(5, country).bind(6, kDay0).bind(7, kDay0);
    s.step();
}

inline std::int64_t addOrder(store::Database& db, std::int64_t customer, Timestamp ts, std::int64_t totalMinor,
                             const std::string& status = "completed", const std::string& coupon = "",
                             const std::string& channel = "web")
{
    store::Statement s(db, "INSERT INTO orders(customer_id, created_at, updated_at, status, currency, total_minor, coupon_code,"
                           " channel) VALUES(?, ?, ?, ?, 'GBP', ?, ?, ?)");
    s.bind(1, customer).bind(2, ts).bind(3, ts).bind(4, status).bind(5, totalMinor).bind(7, channel);
    if (coupon.empty())
        s.bindNull(6);
    else
        s.bind(6, coupon);
    s.step();
    return db.lastInsertRowId();
}

// A feature table built by hand (no store): numeric columns given per name.
inline segments::CustomerFeatures handFeatures(std::vector<std::int64_t> ids,
                                               std::vector<std::pair<std::string, std::vector<double>>> cols,
                                               std::vector<std::string> country = {})
{
    segments::CustomerFeatures f;
    f.asOf = day(100);
    f.customerId = ids;
    const auto n = ids.size();
    for (auto& [name, v] : cols) {
        f.numericNames.push_back(name);
        f.numeric.push_back(v);
    }
    f.country = country.empty() ? std::vector<std::string>(n, "GB") : country;
    f.channel.assign(n, "web");
    f.device.assign(n, "");
    f.lastCategory.assign(n, "");
    for (std::size_t i = 0; i < n; ++i)
        f.firstOrder.push_back(day(double(i)));
    return f;
}

} // namespace shoppilot::test
