#include "support/feedback_view.h"

#include <QDateTime>
#include <QEvent>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "common/error.h"
#include "shell/job_runner.h"
#include "shell/store_service.h"
#include "shell/view_state.h"
#include "store/database.h"
#include "store/store_access.h"
#include "widgets/table_util.h"
#include "widgets/xy_chart_view.h"

namespace shoppilot::ui {

namespace sup = shoppilot::support;

namespace {

constexpr int kChartTopics = 5; // the rest are "other"

QString money(std::int64_t minor, const std::string& currency)
{
    return QLocale().toString(double(minor) / 100.0, 'f', 0) + QLatin1Char(' ') + QString::fromStdString(currency);
}

} // namespace

FeedbackView::FeedbackView(ViewState* view, JobRunner* jobs, QWidget* parent) : QWidget(parent), m_view(view), m_jobs(jobs)
{
    setObjectName(QStringLiteral("feedbackView"));
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("feedbackSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    auto* split = new QSplitter(Qt::Vertical);
    m_products = newReadOnlyTable();
    m_products->setObjectName(QStringLiteral("feedbackProducts"));
    m_products->setColumnCount(10);
    split->addWidget(m_products);

    auto* lower = new QWidget;
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    auto* scopeRow = new QHBoxLayout;
    m_scope = new QLabel;
    m_scope->setWordWrap(true);
    m_allShop = new QPushButton;
    m_pricing = new QPushButton;
    m_pricing->setObjectName(QStringLiteral("openInPricing"));
    m_risk = new QPushButton;
    scopeRow->addWidget(m_scope, 1);
    scopeRow->addWidget(m_allShop);
    scopeRow->addWidget(m_pricing);
    scopeRow->addWidget(m_risk);
    lowerLayout->addLayout(scopeRow);
    auto* charts = new QHBoxLayout;
    m_topics = newReadOnlyTable();
    m_topics->setObjectName(QStringLiteral("feedbackTopics"));
    m_topics->setColumnCount(5);
    m_topicChart = new XyChartView;
    m_topicChart->setObjectName(QStringLiteral("feedbackTopicChart"));
    m_sentimentChart = new XyChartView;
    m_sentimentChart->setObjectName(QStringLiteral("feedbackSentimentChart"));
    charts->addWidget(m_topics, 2);
    charts->addWidget(m_topicChart, 3);
    charts->addWidget(m_sentimentChart, 2);
    lowerLayout->addLayout(charts, 1);
    split->addWidget(lower);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    layout->addWidget(split, 1);

    connect(m_products, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row >= 0 && row < int(m_allProducts.size()))
            showProduct(m_allProducts[std::size_t(row)].productId);
    });
    connect(m_allShop, &QPushButton::clicked, this, [this] { showProduct(0); });
    connect(m_pricing, &QPushButton::clicked, this, [this] {
        if (m_product)
            m_view->requestProduct(m_product);
    });
    connect(m_risk, &QPushButton::clicked, this, [this] { m_view->requestPanel(QStringLiteral("risk")); });
    retranslate();
}

void FeedbackView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        fillProducts();
        fillThemes();
    }
    QWidget::changeEvent(event);
}

void FeedbackView::retranslate()
{
    m_products->setHorizontalHeaderLabels({tr("SKU"), tr("Product"), tr("Category"), tr("Units sold"), tr("Feedback"),
                                           tr("Per 100 units"), tr("Category per 100"), tr("Items beyond category rate"),
                                           tr("Main topic"), tr("Refunded")});
    m_topics->setHorizontalHeaderLabels({tr("Topic"), tr("Items"), tr("Refunds"), tr("Conversations"), tr("Refunded")});
    m_allShop->setText(tr("Whole shop"));
    m_pricing->setText(tr("Open in Pricing"));
    m_risk->setText(tr("Refund patterns in Risk"));
    m_topicChart->setEmptyText(tr("No after-sales feedback in this scope."));
    m_sentimentChart->setEmptyText(tr("No conversations about these products."));
}

void FeedbackView::reload()
{
    m_product = 0;
    m_allProducts.clear();
    load(0);
}

void FeedbackView::showProduct(std::int64_t productId)
{
    if (productId == m_product && !m_allProducts.empty())
        return;
    load(productId);
}

void FeedbackView::load(std::int64_t productId)
{
    if (m_view->storePath().isEmpty())
        return;
    const quint64 generation = ++m_generation;
    m_summary->setText(tr("Grouping refunds and conversations into themes…"));
    auto future = m_jobs->run<sup::FeedbackReport>(
        tr("Support: after-sales feedback"),
        [access = m_view->store().access(), productId](const Progress& progress) {
            if (!access)
                throw Error(ErrorCode::InvalidArgument, "no store is open");
            return access->read([&](store::Database& db) { return sup::feedbackReport(db, productId, 0, progress); });
        });
    auto* watcher = new QFutureWatcher<sup::FeedbackReport>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, productId] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        auto f = watcher->future();
        try {
            f.waitForFinished();
            if (f.isCanceled() || f.resultCount() == 0)
                return;
            m_report = f.result();
            m_product = productId;
            if (productId == 0 || m_allProducts.empty()) {
                m_allProducts = m_report.products;
                fillProducts();
            }
            fillThemes();
            Q_EMIT loaded();
        } catch (...) {
            const QString message = jobErrorMessage(std::current_exception());
            m_summary->setText(message);
            Q_EMIT failed(message);
        }
    });
    watcher->setFuture(future);
}

void FeedbackView::fillProducts()
{
    const QSignalBlocker block(m_products);
    m_products->setRowCount(int(m_allProducts.size()));
    for (int r = 0; r < int(m_allProducts.size()); ++r) {
        const auto& p = m_allProducts[std::size_t(r)];
        m_products->setItem(r, 0, readOnlyCell(QString::fromStdString(p.sku)));
        m_products->setItem(r, 1, readOnlyCell(QString::fromStdString(p.title)));
        m_products->setItem(r, 2, readOnlyCell(QString::fromStdString(p.category)));
        m_products->setItem(r, 3, readOnlyCell(QLocale().toString(p.unitsSold), true));
        m_products->setItem(r, 4, readOnlyCell(QLocale().toString(p.items), true));
        m_products->setItem(r, 5, readOnlyCell(QLocale().toString(p.ratePer100, 'f', 1), true));
        m_products->setItem(r, 6, readOnlyCell(QLocale().toString(p.categoryRatePer100, 'f', 1), true));
        m_products->setItem(r, 7, readOnlyCell((p.excess > 0 ? QStringLiteral("+") : QString()) + QLocale().toString(p.excess, 'f', 1), true));
        m_products->setItem(r, 8, readOnlyCell(tr("%1 (%2)").arg(QString::fromStdString(p.topTopic)).arg(p.topTopicItems)));
        m_products->setItem(r, 9, readOnlyCell(money(p.refundMinor, m_report.currency), true));
        QStringList orders;
        for (const auto& o : p.orders)
            orders << QString::fromStdString(o);
        const QString tip = tr("Orders with feedback (newest first): %1").arg(orders.join(QStringLiteral(", ")));
        for (int c = 0; c < m_products->columnCount(); ++c)
            m_products->item(r, c)->setToolTip(tip);
    }
    m_products->resizeColumnsToContents();
}

void FeedbackView::fillThemes()
{
    const auto& s = m_report.sentiment;
    QString sentiment;
    if (s.heldOut > 0)
        sentiment = tr("Sentiment is the customer's rating where given, otherwise predicted from the message by a model learned "
                       "from %1 rated conversations (held out: %2 right, always guessing the most frequent rating: %3).")
                        .arg(s.rated)
                        .arg(QLocale().toString(100 * s.accuracy, 'f', 1) + QLatin1Char('%'))
                        .arg(QLocale().toString(100 * s.majorityAccuracy, 'f', 1) + QLatin1Char('%'));
    else
        sentiment = tr("Sentiment is the customer's rating where given (too few rated conversations to learn from the text).");
    if (m_allProducts.empty())
        m_summary->setText(tr("No after-sales feedback yet: no returns, refunds or conversations about products in this store."));
    else
        m_summary->setText(tr("%1 products have after-sales feedback (returns, refunds with a reason, conversations about their "
                              "orders), the most beyond their category's rate first. Select one to see its themes. %2")
                               .arg(m_allProducts.size())
                               .arg(sentiment));
    QString scope = tr("Whole shop");
    for (const auto& p : m_allProducts)
        if (p.productId == m_product)
            scope = tr("%1 — %2").arg(QString::fromStdString(p.sku), QString::fromStdString(p.title));
    m_scope->setText(tr("Themes: %1 (%2 items)").arg(scope).arg(m_report.items));
    m_pricing->setEnabled(m_product != 0);
    m_allShop->setEnabled(m_product != 0);

    m_topics->setRowCount(int(m_report.topics.size()));
    for (int r = 0; r < int(m_report.topics.size()); ++r) {
        const auto& t = m_report.topics[std::size_t(r)];
        m_topics->setItem(r, 0, readOnlyCell(QString::fromStdString(t.topic)));
        m_topics->setItem(r, 1, readOnlyCell(QLocale().toString(t.items), true));
        m_topics->setItem(r, 2, readOnlyCell(QLocale().toString(t.refunds), true));
        m_topics->setItem(r, 3, readOnlyCell(QLocale().toString(t.conversations), true));
        m_topics->setItem(r, 4, readOnlyCell(money(t.refundMinor, m_report.currency), true));
    }
    m_topics->resizeColumnsToContents();

    if (m_report.months.empty()) {
        m_topicChart->clear();
        m_sentimentChart->clear();
        return;
    }
    QStringList months;
    // Short labels so a year of columns stays readable: the month's name within a year, else MM/yy.
    const QString format = m_report.months.size() <= 12 ? QStringLiteral("MMM") : QStringLiteral("MM/yy");
    for (const auto& m : m_report.months)
        months << QLocale().toString(QDateTime::fromSecsSinceEpoch(m.month, Qt::UTC).date(), format);
    QVector<XyChartView::Columns> topicSeries;
    const int shown = std::min<int>(kChartTopics, int(m_report.topics.size()));
    for (int k = 0; k < shown; ++k) {
        XyChartView::Columns c{QString::fromStdString(m_report.topics[std::size_t(k)].topic), {}};
        for (const auto& m : m_report.months) {
            const auto it = m.byTopic.find(m_report.topics[std::size_t(k)].topic);
            c.values << double(it == m.byTopic.end() ? 0 : it->second);
        }
        topicSeries << c;
    }
    if (int(m_report.topics.size()) > shown) {
        XyChartView::Columns other{tr("other"), {}};
        for (const auto& m : m_report.months) {
            double n = 0;
            for (const auto& [topic, count] : m.byTopic)
                n += double(count);
            for (int k = 0; k < shown; ++k) {
                const auto it = m.byTopic.find(m_report.topics[std::size_t(k)].topic);
                n -= double(it == m.byTopic.end() ? 0 : it->second);
            }
            other.values << n;
        }
        topicSeries << other;
    }
    m_topicChart->setTitle(tr("Feedback items by topic and month"));
    m_topicChart->setColumns(months, topicSeries, tr("Items"), true);
    XyChartView::Columns neg{tr("negative"), {}}, neu{tr("neutral"), {}}, pos{tr("positive"), {}};
    double any = 0;
    for (const auto& m : m_report.months) {
        neg.values << double(m.negative);
        neu.values << double(m.neutral);
        pos.values << double(m.positive);
        any += double(m.negative + m.neutral + m.positive);
    }
    if (any > 0) {
        m_sentimentChart->setTitle(tr("Conversations by sentiment"));
        m_sentimentChart->setColumns(months, {neg, neu, pos}, tr("Conversations"), true);
    } else {
        m_sentimentChart->clear();
    }
}

} // namespace shoppilot::ui
