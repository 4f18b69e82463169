// Schema v1: every table the eight panels need, so later features add behaviour, not tables.
// Conventions: INTEGER PRIMARY KEY ids local to the store; external_id is the platform's id;
// money in *_minor integer columns with a currency; timestamps are UTC epoch seconds (INTEGER).
#include "store/database.h"

namespace shoppilot::store {

namespace {

const char* const kSchemaV1 = R"SQL(
CREATE TABLE schema_version (
    version     INTEGER PRIMARY KEY,
    applied_at  INTEGER NOT NULL,
    description TEXT NOT NULL
);

CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- ---------------------------------------------------------------- catalogue
CREATE TABLE categories (
    id        INTEGER PRIMARY KEY,
    name_en   TEXT NOT NULL UNIQUE,
    name_zh   TEXT,
    parent_id INTEGER REFERENCES categories(id)
);

CREATE TABLE products (
    id             INTEGER PRIMARY KEY,
    external_id    TEXT UNIQUE,
    sku            TEXT NOT NULL UNIQUE,
    title_en       TEXT NOT NULL,
    title_zh       TEXT,
    category_id    INTEGER REFERENCES categories(id),
    brand          TEXT,
    price_minor    INTEGER NOT NULL CHECK (price_minor >= 0),
    cost_minor     INTEGER CHECK (cost_minor IS NULL OR cost_minor >= 0),
    currency       TEXT NOT NULL,
    stock          INTEGER NOT NULL DEFAULT 0,
    reorder_point  INTEGER,
    lead_time_days INTEGER,
    ladder_group   TEXT,    -- variants/sizes whose prices must stay ordered (pricing rules)
    ladder_rank    INTEGER, -- position inside ladder_group, smaller = cheaper
    weight_g       INTEGER,
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','draft','archived')),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX products_category ON products(category_id);

CREATE TABLE price_history (
    product_id  INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    valid_from  INTEGER NOT NULL,
    price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
    promo       INTEGER NOT NULL DEFAULT 0 CHECK (promo IN (0,1)),
    source      TEXT NOT NULL DEFAULT 'platform', -- platform | shoppilot | import | demo
    PRIMARY KEY (product_id, valid_from)
) WITHOUT ROWID;

CREATE TABLE competitor_prices (
    product_id  INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    competitor  TEXT NOT NULL,
    observed_at INTEGER NOT NULL,
    price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
    PRIMARY KEY (product_id, competitor, observed_at)
) WITHOUT ROWID;

CREATE TABLE inventory_movements (
    id         INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    ts         INTEGER NOT NULL,
    delta      INTEGER NOT NULL,
    reason     TEXT NOT NULL -- sale | restock | return | adjustment
);
CREATE INDEX inventory_movements_product ON inventory_movements(product_id, ts);

-- ---------------------------------------------------------------- customers and orders
CREATE TABLE customers (
    id          INTEGER PRIMARY KEY,
    external_id TEXT UNIQUE,
    email_hash  TEXT,
    name        TEXT,
    country     TEXT,  -- ISO 3166-1 alpha-2 when known, else the source's country name
    city        TEXT,
    lat         REAL,
    lon         REAL,
    locale      TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX customers_country ON customers(country);

CREATE TABLE orders (
    id                  INTEGER PRIMARY KEY,
    external_id         TEXT UNIQUE,
    customer_id         INTEGER REFERENCES customers(id),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    status              TEXT NOT NULL CHECK (status IN
                          ('pending','processing','on-hold','completed','cancelled','refunded','failed')),
    currency            TEXT NOT NULL,
    subtotal_minor      INTEGER NOT NULL DEFAULT 0,
    discount_minor      INTEGER NOT NULL DEFAULT 0,
    shipping_minor      INTEGER NOT NULL DEFAULT 0,
    tax_minor           INTEGER NOT NULL DEFAULT 0,
    total_minor         INTEGER NOT NULL,
    channel             TEXT,  -- web | app | marketplace | social | phone
    payment_method      TEXT,  -- card | paypal | alipay | wechat | cod | bank_transfer
    payment_fingerprint TEXT,  -- salted hash of the payment instrument, never the number
    device_id           TEXT,
    ip                  TEXT,
    ip_country          TEXT,
    session_id          TEXT,
    coupon_code         TEXT,
    campaign_id         INTEGER REFERENCES campaigns(id),
    ship_name           TEXT,
    ship_address        TEXT,
    ship_city           TEXT,
    ship_postcode       TEXT,
    ship_country        TEXT,
    ship_lat            REAL,
    ship_lon            REAL,
    bill_address        TEXT,
    bill_city           TEXT,
    bill_postcode       TEXT,
    bill_country        TEXT,
    bill_lat            REAL,
    bill_lon            REAL
);
CREATE INDEX orders_created ON orders(created_at);
CREATE INDEX orders_customer ON orders(customer_id, created_at);
CREATE INDEX orders_device ON orders(device_id);
CREATE INDEX orders_ip ON orders(ip);
CREATE INDEX orders_payment ON orders(payment_fingerprint);

CREATE TABLE order_items (
    id               INTEGER PRIMARY KEY,
    order_id         INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    product_id       INTEGER REFERENCES products(id),
    quantity         INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0),
    discount_minor   INTEGER NOT NULL DEFAULT 0,
    line_total_minor INTEGER NOT NULL
);
CREATE INDEX order_items_order ON order_items(order_id);
CREATE INDEX order_items_product ON order_items(product_id);

CREATE TABLE refunds (
    id           INTEGER PRIMARY KEY,
    external_id  TEXT UNIQUE,
    order_id     INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    product_id   INTEGER REFERENCES products(id), -- the returned item, when known
    quantity     INTEGER,
    created_at   INTEGER NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    kind         TEXT NOT NULL CHECK (kind IN ('refund','chargeback','cancellation','return')),
    reason       TEXT
);
CREATE INDEX refunds_order ON refunds(order_id);
CREATE INDEX refunds_created ON refunds(created_at);

-- ---------------------------------------------------------------- behaviour
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    ts          INTEGER NOT NULL,
    type        TEXT NOT NULL CHECK (type IN ('view','cart','purchase','search')),
    session_id  TEXT NOT NULL,
    customer_id INTEGER REFERENCES customers(id),
    product_id  INTEGER REFERENCES products(id),
    order_id    INTEGER REFERENCES orders(id),
    query       TEXT,
    channel     TEXT,
    device_id   TEXT
);
CREATE INDEX events_ts ON events(ts);
CREATE INDEX events_customer ON events(customer_id, ts);
CREATE INDEX events_product ON events(product_id, ts);
CREATE INDEX events_session ON events(session_id);

-- ---------------------------------------------------------------- marketing
CREATE TABLE segments (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    definition_json TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE TABLE segment_members (
    segment_id  INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    score       REAL,
    PRIMARY KEY (segment_id, customer_id)
) WITHOUT ROWID;

CREATE TABLE campaigns (
    id           INTEGER PRIMARY KEY,
    external_id  TEXT UNIQUE,
    name         TEXT NOT NULL,
    channel      TEXT NOT NULL, -- email | sms | push | coupon | ads
    start_at     INTEGER NOT NULL,
    end_at       INTEGER NOT NULL,
    budget_minor INTEGER,
    currency     TEXT,
    segment_id   INTEGER REFERENCES segments(id),
    offer        TEXT,
    status       TEXT NOT NULL DEFAULT 'finished' CHECK (status IN ('draft','scheduled','running','finished')),
    created_at   INTEGER NOT NULL
);

CREATE TABLE campaign_exposures (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    arm         TEXT NOT NULL CHECK (arm IN ('treatment','control')),
    exposed_at  INTEGER NOT NULL,
    opened      INTEGER,
    clicked     INTEGER,
    PRIMARY KEY (campaign_id, customer_id)
) WITHOUT ROWID;
CREATE INDEX campaign_exposures_customer ON campaign_exposures(customer_id);

-- ---------------------------------------------------------------- support
CREATE TABLE support_conversations (
    id          INTEGER PRIMARY KEY,
    external_id TEXT UNIQUE,
    customer_id INTEGER REFERENCES customers(id),
    order_id    INTEGER REFERENCES orders(id),
    channel     TEXT NOT NULL DEFAULT 'chat',
    language    TEXT NOT NULL, -- en | zh
    started_at  INTEGER NOT NULL,
    closed_at   INTEGER,
    status      TEXT NOT NULL CHECK (status IN ('open','bot','escalated','resolved')),
    intent      TEXT,
    assignee    TEXT,
    csat        INTEGER CHECK (csat IS NULL OR csat BETWEEN 1 AND 5)
);
CREATE INDEX support_conversations_started ON support_conversations(started_at);

CREATE TABLE support_messages (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES support_conversations(id) ON DELETE CASCADE,
    ts              INTEGER NOT NULL,
    sender          TEXT NOT NULL CHECK (sender IN ('customer','bot','agent')),
    text            TEXT NOT NULL,
    intent          TEXT,
    confidence      REAL
);
CREATE INDEX support_messages_conversation ON support_messages(conversation_id, ts);

CREATE TABLE kb_articles (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    language   TEXT NOT NULL,
    intent     TEXT,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    tags       TEXT,
    updated_at INTEGER NOT NULL
);
CREATE VIRTUAL TABLE kb_articles_fts USING fts5(
    title, body, tags, content='kb_articles', content_rowid='id', tokenize='trigram');
CREATE TRIGGER kb_articles_ai AFTER INSERT ON kb_articles BEGIN
    INSERT INTO kb_articles_fts(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
END;
CREATE TRIGGER kb_articles_ad AFTER DELETE ON kb_articles BEGIN
    INSERT INTO kb_articles_fts(kb_articles_fts, rowid, title, body, tags)
        VALUES ('delete', old.id, old.title, old.body, old.tags);
END;
CREATE TRIGGER kb_articles_au AFTER UPDATE ON kb_articles BEGIN
    INSERT INTO kb_articles_fts(kb_articles_fts, rowid, title, body, tags)
        VALUES ('delete', old.id, old.title, old.body, old.tags);
    INSERT INTO kb_articles_fts(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
END;

-- ---------------------------------------------------------------- logistics
CREATE TABLE depots (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    city      TEXT,
    country   TEXT,
    lat       REAL NOT NULL,
    lon       REAL NOT NULL,
    opens_at  INTEGER, -- seconds after local midnight
    closes_at INTEGER
);

CREATE TABLE vehicles (
    id                INTEGER PRIMARY KEY,
    depot_id          INTEGER NOT NULL REFERENCES depots(id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    capacity_units    INTEGER NOT NULL CHECK (capacity_units > 0),
    capacity_kg       REAL,
    cost_per_km_minor INTEGER,
    shift_start       INTEGER, -- seconds after local midnight
    shift_end         INTEGER
);

CREATE TABLE routes (
    id         INTEGER PRIMARY KEY,
    depot_id   INTEGER NOT NULL REFERENCES depots(id),
    vehicle_id INTEGER REFERENCES vehicles(id),
    plan_date  INTEGER NOT NULL,
    distance_m REAL,
    duration_s REAL,
    solver     TEXT,
    status     TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','dispatched','done','cancelled')),
    created_at INTEGER NOT NULL
);

CREATE TABLE shipments (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    depot_id     INTEGER REFERENCES depots(id),
    route_id     INTEGER REFERENCES routes(id) ON DELETE SET NULL,
    stop_seq     INTEGER,
    status       TEXT NOT NULL CHECK (status IN
                   ('pending','planned','out_for_delivery','delivered','failed','returned')),
    lat          REAL,
    lon          REAL,
    units        INTEGER,
    weight_g     INTEGER,
    created_at   INTEGER NOT NULL,
    promised_at  INTEGER,
    delivered_at INTEGER
);
CREATE INDEX shipments_order ON shipments(order_id);
CREATE INDEX shipments_status ON shipments(status, depot_id);

-- ---------------------------------------------------------------- risk
CREATE TABLE risk_alerts (
    id            INTEGER PRIMARY KEY,
    order_id      INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    created_at    INTEGER NOT NULL,
    score         REAL NOT NULL,
    model_version TEXT,
    reasons_json  TEXT,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','approved','rejected','escalated')),
    assignee      TEXT
);
CREATE INDEX risk_alerts_status ON risk_alerts(status, score);
CREATE INDEX risk_alerts_order ON risk_alerts(order_id);

CREATE TABLE review_decisions (
    id         INTEGER PRIMARY KEY,
    alert_id   INTEGER NOT NULL REFERENCES risk_alerts(id),
    order_id   INTEGER NOT NULL REFERENCES orders(id),
    decided_at INTEGER NOT NULL,
    decision   TEXT NOT NULL CHECK (decision IN ('approve','reject','escalate')),
    analyst    TEXT NOT NULL,
    note       TEXT
);
CREATE INDEX review_decisions_alert ON review_decisions(alert_id);

-- ---------------------------------------------------------------- audit (append-only)
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    ts           INTEGER NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    entity       TEXT NOT NULL,
    entity_id    TEXT,
    details_json TEXT
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- ---------------------------------------------------------------- sync and import
CREATE TABLE sync_state (
    source         TEXT NOT NULL, -- e.g. woocommerce:https://shop.example
    resource       TEXT NOT NULL, -- products | customers | orders | events
    cursor         TEXT,          -- opaque (event feed) or modified_after timestamp
    last_synced_at INTEGER,
    last_error     TEXT,
    PRIMARY KEY (source, resource)
) WITHOUT ROWID;

CREATE TABLE sync_quarantine (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,
    resource    TEXT NOT NULL,
    external_id TEXT,
    received_at INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    payload     TEXT NOT NULL
);

CREATE TABLE webhook_deliveries (
    delivery_id TEXT PRIMARY KEY,
    topic       TEXT NOT NULL,
    resource_id TEXT,
    received_at INTEGER NOT NULL,
    status      TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE import_runs (
    id            INTEGER PRIMARY KEY,
    source        TEXT NOT NULL,
    file          TEXT NOT NULL,
    started_at    INTEGER NOT NULL,
    finished_at   INTEGER,
    rows_read     INTEGER NOT NULL DEFAULT 0,
    rows_imported INTEGER NOT NULL DEFAULT 0,
    rows_rejected INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE import_rejects (
    id      INTEGER PRIMARY KEY,
    run_id  INTEGER NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE,
    line_no INTEGER NOT NULL,
    reason  TEXT NOT NULL,
    raw     TEXT NOT NULL
);
CREATE INDEX import_rejects_run ON import_rejects(run_id, reason);

-- ---------------------------------------------------------------- models
CREATE TABLE models (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,    -- e.g. recs.sasrec, pricing.demand
    version       INTEGER NOT NULL,
    kind          TEXT NOT NULL,    -- torch | json | other
    trained_at    INTEGER NOT NULL,
    data_snapshot TEXT,             -- what data it saw (row counts, max timestamp)
    metrics_json  TEXT,
    card_json     TEXT,
    blob          BLOB NOT NULL,
    active        INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0,1)),
    UNIQUE (name, version)
);

-- ---------------------------------------------------------------- demo ground truth
-- Filled only by the demo generator. No model reads these tables: tests only.
CREATE TABLE truth_customers (
    customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
    archetype   TEXT NOT NULL, -- champion | loyal | bargain_hunter | at_risk | new | one_off
    factors     BLOB NOT NULL, -- little-endian float32 latent vector
    price_sensitivity REAL NOT NULL
);
CREATE TABLE truth_products (
    product_id  INTEGER PRIMARY KEY REFERENCES products(id) ON DELETE CASCADE,
    factors     BLOB NOT NULL,
    elasticity  REAL NOT NULL,
    base_weekly_units REAL NOT NULL
);
CREATE TABLE truth_fraud (
    order_id INTEGER PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
    pattern  TEXT NOT NULL, -- new_account_big_basket | device_burst | ip_burst | country_mismatch | ring | card_testing
    ring_id  INTEGER
);
CREATE TABLE truth_campaign_uplift (
    campaign_id     INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    archetype       TEXT NOT NULL,
    conversion_base REAL NOT NULL, -- purchase probability in the window without the campaign
    conversion_lift REAL NOT NULL, -- added probability with it (absolute)
    PRIMARY KEY (campaign_id, archetype)
) WITHOUT ROWID;
CREATE TABLE truth_support (
    conversation_id INTEGER PRIMARY KEY REFERENCES support_conversations(id) ON DELETE CASCADE,
    intent          TEXT NOT NULL
);
)SQL";

} // namespace

// v2: what the panels keep besides the shop's own data.
constexpr const char* kSchemaV2 = R"sql(
-- Named JSON documents a panel saves: pricing scenarios and rule sets, risk rules and
-- allow/block lists, recommendation rules. Versioned by updated_at; the panel owns the body.
CREATE TABLE panel_documents (
    panel      TEXT NOT NULL,   -- pricing | risk | recs | ...
    kind       TEXT NOT NULL,   -- scenario | rules | allowlist | blocklist | ...
    name       TEXT NOT NULL,
    body_json  TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (panel, kind, name)
) WITHOUT ROWID;

-- Accepted price changes: pending until pushed to the shop (or exported), undoable until then.
CREATE TABLE price_changes (
    id              INTEGER PRIMARY KEY,
    product_id      INTEGER NOT NULL REFERENCES products(id),
    batch_id        TEXT,
    old_price_minor INTEGER NOT NULL,
    new_price_minor INTEGER NOT NULL CHECK (new_price_minor >= 0),
    created_at      INTEGER NOT NULL,
    actor           TEXT NOT NULL,
    reason          TEXT,
    status          TEXT NOT NULL DEFAULT 'pending'
                      CHECK (status IN ('pending','pushed','exported','undone','failed')),
    status_at       INTEGER,
    status_detail   TEXT
);
CREATE INDEX price_changes_status ON price_changes(status, product_id);

-- Review decisions carry the analyst's reason; alerts carry their level and the rule that raised them.
ALTER TABLE review_decisions ADD COLUMN reason TEXT;
ALTER TABLE risk_alerts ADD COLUMN level TEXT;
ALTER TABLE risk_alerts ADD COLUMN rule_id TEXT;
)sql";

// What a real WooCommerce shop sends that v1 could not hold (issue 12). Columns only, so the
// migration is cheap on a large store; the demo, import and repositories leave them at defaults.
//  products.parent_id      a variation's parent product (Woo variations are products of their own)
//  products.product_type   Woo's type: simple | variable | grouped | external | variation (NULL: not from Woo)
//  products.stock_managed  0 = the shop does not track stock (Woo manage_stock false, stock_quantity
//                          null): stock is then meaningless, never "out of stock"
//  products.price_set      0 = the shop has no price for it (Woo "price": "", drafts, variable and
//                          grouped parents): price_minor is 0 then and must not be read as a price
//  orders.platform_status  the shop's own status when it is none of the seven core ones
//                          (checkout-draft, trash, plugin statuses); status holds the mapping
//  orders.fees_minor       Woo fee_lines total (ex tax): lines + fees + shipping + tax = total
constexpr const char* kSchemaV3 = R"sql(
ALTER TABLE products ADD COLUMN parent_id INTEGER REFERENCES products(id);
ALTER TABLE products ADD COLUMN product_type TEXT;
ALTER TABLE products ADD COLUMN stock_managed INTEGER NOT NULL DEFAULT 1 CHECK (stock_managed IN (0,1));
ALTER TABLE products ADD COLUMN price_set INTEGER NOT NULL DEFAULT 1 CHECK (price_set IN (0,1));
CREATE INDEX products_parent ON products(parent_id);
ALTER TABLE orders ADD COLUMN platform_status TEXT;
ALTER TABLE orders ADD COLUMN fees_minor INTEGER NOT NULL DEFAULT 0;
)sql";

// Delivery time windows for route planning (issue 16): seconds after local midnight on the
// delivery day, NULL = the depot's opening hours; service_s = minutes at the door, in seconds
// (NULL = the planner's default).
constexpr const char* kSchemaV4 = R"sql(
ALTER TABLE shipments ADD COLUMN window_start INTEGER;
ALTER TABLE shipments ADD COLUMN window_end INTEGER;
ALTER TABLE shipments ADD COLUMN service_s INTEGER;
)sql";

const std::vector<Migration>& builtinMigrations()
{
    static const std::vector<Migration> migrations{
        {1, "initial schema", kSchemaV1},
        {2, "panel documents, price changes, review reasons", kSchemaV2},
        {3, "shop product types, variations, unmanaged stock, order fees", kSchemaV3},
        {4, "delivery time windows and service times", kSchemaV4},
    };
    return migrations;
}

int currentSchemaVersion()
{
    return builtinMigrations().back().version;
}

} // namespace shoppilot::store
