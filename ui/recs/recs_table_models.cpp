#include "recs/recs_table_models.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>

namespace shoppilot::ui {

namespace {

bool chineseUi()
{
    return QLocale().language() == QLocale::Chinese;
}

QString localTime(std::int64_t ts)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(ts).toLocalTime(), QLocale::ShortFormat);
}

} // namespace

QString recsMoney(std::int64_t minor, const std::string& currency)
{
    return QLocale().toString(double(minor) / 100.0, 'f', 2) + QLatin1Char(' ') + QString::fromStdString(currency);
}

QString recsTitle(const recs::ProductInfo& p)
{
    if (chineseUi() && !p.titleZh.empty())
        return QString::fromStdString(p.titleZh);
    return QString::fromStdString(p.title);
}

// ----------------------------------------------------------------------------- customers

void CustomerListModel::setRows(std::vector<recs::CustomerInfo> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int CustomerListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CustomerListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CustomerListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const auto& c = m_rows[std::size_t(index.row())];
    if (role == Qt::UserRole)
        return qlonglong(c.id);
    if (role == Qt::TextAlignmentRole && (index.column() == IdColumn || index.column() == EventsColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IdColumn: return qlonglong(c.id);
    case NameColumn: return QString::fromStdString(c.name);
    case CountryColumn: return QString::fromStdString(c.country);
    case EventsColumn: return qlonglong(c.events);
    }
    return {};
}

QVariant CustomerListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn: return tr("ID");
    case NameColumn: return tr("Customer");
    case CountryColumn: return tr("Country");
    case EventsColumn: return tr("Events");
    }
    return {};
}

// ----------------------------------------------------------------------------- timeline

void TimelineModel::setRows(std::vector<recs::TimelineEntry> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int TimelineModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TimelineModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const auto& e = m_rows[std::size_t(index.row())];
    if (role == Qt::UserRole)
        return qlonglong(e.productId);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn: return localTime(e.ts);
    case TypeColumn:
        if (e.type == "view")
            return tr("viewed");
        if (e.type == "cart")
            return tr("added to cart");
        if (e.type == "purchase")
            return tr("bought");
        if (e.type == "search")
            return tr("searched");
        return QString::fromStdString(e.type);
    case ProductColumn:
        return QString::fromStdString(chineseUi() && !e.titleZh.empty() ? e.titleZh : e.title);
    }
    return {};
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case TypeColumn: return tr("Event");
    case ProductColumn: return tr("Product or search");
    }
    return {};
}

// ----------------------------------------------------------------------------- recommendations

void RecommendationModel::setRows(std::vector<recs::Recommendation> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

QString RecommendationModel::reasonText(const recs::Recommendation& r)
{
    using R = recs::Recommendation::Reason;
    switch (r.reason) {
    case R::History: {
        auto title = [&](std::size_t i) {
            const bool zh = chineseUi() && i < r.becauseTitlesZh.size() && !r.becauseTitlesZh[i].empty();
            return QString::fromStdString(zh ? r.becauseTitlesZh[i] : r.becauseTitles[i]);
        };
        if (r.becauseTitles.empty())
            return tr("Fits your recent activity");
        if (r.becauseTitles.size() == 1)
            return tr("Because you viewed %1").arg(title(0));
        return tr("Because you viewed %1 and %2").arg(title(0), title(1));
    }
    case R::Popular: return tr("Popular in the last 30 days");
    case R::PopularInCountry: return tr("Popular in your country lately");
    case R::Similar: return tr("Often viewed together");
    }
    return {};
}

int RecommendationModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RecommendationModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecommendationModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const auto& r = m_rows[std::size_t(index.row())];
    if (role == Qt::UserRole)
        return qlonglong(r.product.id);
    if (role == Qt::TextAlignmentRole && index.column() != TitleColumn && index.column() != ReasonColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole)
        return QString::fromStdString(r.product.category) + QStringLiteral(" · ") + reasonText(r);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TitleColumn: return recsTitle(r.product);
    case PriceColumn: return recsMoney(r.product.priceMinor, r.product.currency);
    case StockColumn: return qlonglong(r.product.stock);
    case ScoreColumn: return QLocale().toString(r.score, 'f', 3);
    case ReasonColumn: return reasonText(r);
    }
    return {};
}

QVariant RecommendationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical && role == Qt::DisplayRole)
        return section + 1;
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn: return tr("Product");
    case PriceColumn: return tr("Price");
    case StockColumn: return tr("Stock");
    case ScoreColumn: return tr("Score");
    case ReasonColumn: return tr("Reason");
    }
    return {};
}

// ----------------------------------------------------------------------------- comparison

void ModelComparisonModel::setRows(std::vector<recs::StoreModelMetrics> rows)
{
    beginResetModel();
    const auto served = recs::servedModelMetrics(rows);
    m_rows.clear();
    m_served = -1;
    for (auto& r : rows)
        if (r.active) {
            if (served && served->model == r.model && served->version == r.version)
                m_served = int(m_rows.size());
            m_rows.push_back(std::move(r));
        }
    endResetModel();
}

QString ModelComparisonModel::modelTitle(const std::string& model)
{
    if (model == "pop")
        return tr("Popularity");
    if (model == "itemknn")
        return tr("Co-occurrence");
    if (model == "bpr")
        return tr("BPR-MF");
    if (model == "sasrec")
        return tr("SASRec");
    return QString::fromStdString(model);
}

int ModelComparisonModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ModelComparisonModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModelComparisonModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const auto& m = m_rows[std::size_t(index.row())];
    auto metric = [](const std::map<std::string, double>& mm, const char* k) -> QVariant {
        auto it = mm.find(k);
        return it == mm.end() ? QVariant(QStringLiteral("–")) : QVariant(QLocale().toString(it->second, 'f', 4));
    };
    if (role == Qt::UserRole)
        return QString::fromStdString(m.model);
    if (role == Qt::FontRole && index.row() == m_served) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::ToolTipRole && index.column() == ModelColumn && index.row() == m_served)
        return tr("The model customers get: best validation NDCG@10, then refit on all events");
    if (role == Qt::TextAlignmentRole && index.column() != ModelColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case ModelColumn:
        return index.row() == m_served ? tr("%1 (served)").arg(modelTitle(m.model)) : modelTitle(m.model);
    case VersionColumn: return m.version;
    case ValidationNdcg10Column: return metric(m.validation, "NDCG@10");
    case Hr10Column: return metric(m.full, "HR@10");
    case Ndcg10Column: return metric(m.full, "NDCG@10");
    case MrrColumn: return metric(m.full, "MRR");
    case Sampled99Hr10Column: return metric(m.sampled99, "HR@10");
    case TrainSecondsColumn: return QLocale().toString(m.trainSeconds, 'f', 1);
    case TrainedColumn: return localTime(m.trainedAt);
    }
    return {};
}

QVariant ModelComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == ValidationNdcg10Column)
        return tr("Each customer's second-to-last event, ranked among all products they had not seen: "
                  "the figure the served model is chosen on");
    if (role == Qt::ToolTipRole && (section == Hr10Column || section == Ndcg10Column || section == MrrColumn))
        return tr("Test: each customer's last event, ranked among all products they had not seen; "
                  "reported, never used to choose");
    if (role == Qt::ToolTipRole && section == Sampled99Hr10Column)
        return tr("Test: the last event's product ranked among 99 random products the customer never touched");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ModelColumn: return tr("Model");
    case VersionColumn: return tr("Version");
    case ValidationNdcg10Column: return tr("Validation NDCG@10");
    case Hr10Column: return tr("Test HR@10");
    case Ndcg10Column: return tr("Test NDCG@10");
    case MrrColumn: return tr("Test MRR");
    case Sampled99Hr10Column: return tr("Test HR@10 (1+99)");
    case TrainSecondsColumn: return tr("Training (s)");
    case TrainedColumn: return tr("Trained");
    }
    return {};
}

} // namespace shoppilot::ui
