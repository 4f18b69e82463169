#include "shell/model_card_dialog.h"

#include <QComboBox>
#include <cmath>
#include <QCoreApplication>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTimeZone>
#include <QVBoxLayout>

#include "models/catalog.h"
#include "shell/store_service.h"
#include "shell/view_state.h"

namespace shoppilot::ui {

namespace {

bool chineseUi()
{
    return QLocale().language() == QLocale::Chinese;
}

// The panel button that trains a registry model, as the panel's own tr() context translates it.
QString trainButtonText(const QString& panelId)
{
    struct Button {
        const char* panel;
        const char* context;
        const char* text;
    };
    static const Button buttons[] = {
        {"recs", "shoppilot::ui::RecsPanel", "Train models"},
        {"pricing", "shoppilot::ui::PricingPanel", "Fit the demand model"},
        {"risk", "shoppilot::ui::RiskPanel", "Train model"},
    };
    for (const auto& b : buttons)
        if (panelId == QLatin1String(b.panel))
            return QCoreApplication::translate(b.context, b.text);
    return {};
}

QString formatValue(const QString& key, const QJsonValue& v)
{
    if (v.isDouble()) {
        const double d = v.toDouble();
        // Training writes times as UTC seconds ("refit_at", "run", "last_order_at"): show them local.
        const bool time = key.endsWith(QLatin1String("_at")) || key.endsWith(QLatin1String(".run"))
                          || key == QLatin1String("run") || key.endsWith(QLatin1String("_as_of"))
                          || key.endsWith(QLatin1String("_from")) || key.endsWith(QLatin1String("_before"));
        if (time && d > 1e8 && d < 1e11)
            return QLocale().toString(QDateTime::fromSecsSinceEpoch(qint64(d), QTimeZone::utc()).toLocalTime(),
                                      QLocale::ShortFormat);
        if (std::abs(d) < 1e15 && d == std::floor(d))
            return QLocale().toString(qint64(d));
        return QLocale().toString(d, 'g', 4);
    }
    if (v.isBool())
        return v.toBool() ? ModelCardDialog::tr("yes") : ModelCardDialog::tr("no");
    if (v.isString())
        return v.toString();
    if (v.isArray())
        return ModelCardDialog::tr("%1 values").arg(v.toArray().size());
    return {};
}

// Metrics JSON flattened to (dotted key, value) rows, two levels deep.
void flatten(const QJsonObject& o, const QString& prefix, int depth, QList<QPair<QString, QString>>& out)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
        if (it->isObject() && depth < 2)
            flatten(it->toObject(), key, depth + 1, out);
        else if (!it->isObject() && !it->isNull())
            out.append({key, formatValue(key, *it)});
    }
}

} // namespace

bool ModelCardDialog::panelHasModel(const QString& panelId)
{
    return !models::modelsOfPanel(panelId.toStdString()).empty();
}

ModelCardDialog::ModelCardDialog(ViewState* view, const QString& panelId, QWidget* parent)
    : QDialog(parent), m_view(view), m_models(models::modelsOfPanel(panelId.toStdString()))
{
    setWindowTitle(tr("About this model"));
    setObjectName(QStringLiteral("modelCardDialog"));
    auto* layout = new QVBoxLayout(this);

    m_choice = new QComboBox;
    m_choice->setObjectName(QStringLiteral("modelChoice"));
    const bool zh = chineseUi();
    for (const auto* m : m_models)
        m_choice->addItem(QString::fromStdString(zh ? m->titleZh : m->title));
    auto* chooseRow = new QHBoxLayout;
    chooseRow->addWidget(new QLabel(tr("Model:")));
    chooseRow->addWidget(m_choice, 1);
    layout->addLayout(chooseRow);

    m_card = new QTextBrowser;
    m_card->setObjectName(QStringLiteral("modelCard"));
    m_card->setOpenExternalLinks(false);
    layout->addWidget(m_card, 5);

    auto* trained = new QLabel(tr("<b>Trained on this store</b>"));
    layout->addWidget(trained);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("modelStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    m_metrics = new QTableWidget(0, 2);
    m_metrics->setObjectName(QStringLiteral("modelMetrics"));
    m_metrics->setHorizontalHeaderLabels({tr("Metric"), tr("Value")});
    m_metrics->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_metrics->horizontalHeader()->setStretchLastSection(true);
    m_metrics->verticalHeader()->hide();
    m_metrics->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_metrics, 2);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(760, 720);

    if (m_models.empty()) {
        m_choice->setEnabled(false);
        m_card->setPlainText(tr("This panel shows figures computed from the store's data directly: no trained "
                                "model is behind it. Open Recommendations, Pricing, Segments, Support, Risk, "
                                "Campaigns or Logistics to read the card of its model."));
        m_status->setText(tr("No model."));
        m_metrics->hide();
        return;
    }
    connect(m_choice, &QComboBox::currentIndexChanged, this, &ModelCardDialog::showModel);
    showModel(0);
    requestRegistry();
}

QString ModelCardDialog::currentModelId() const
{
    const int i = m_choice->currentIndex();
    if (i < 0 || i >= int(m_models.size()))
        return {};
    return QString::fromStdString(m_models[std::size_t(i)]->family + "/" + m_models[std::size_t(i)]->id);
}

void ModelCardDialog::requestRegistry()
{
    std::vector<std::string> names;
    for (const auto* m : m_models)
        if (!m->registryName.empty())
            names.push_back(m->registryName);
    if (names.empty() || !m_view || m_view->storePath().isEmpty()) {
        showMetrics();
        Q_EMIT metricsShown();
        return;
    }
    m_loading = true;
    showMetrics();
    // A worker connection reads the active rows; the GUI thread only shows them.
    m_view->store().read(
        this,
        [names](store::Database& db) {
            engine::ModelRegistry registry(db);
            std::vector<engine::ModelRecord> rows;
            for (const auto& n : names)
                if (auto r = registry.active(n))
                    rows.push_back(std::move(*r));
            return rows;
        },
        [this](std::vector<engine::ModelRecord> rows) {
            m_loading = false;
            for (auto& r : rows)
                m_rows.insert(QString::fromStdString(r.name), std::move(r));
            // Recommendations: open on the model the app serves (chosen on validation).
            for (int i = 0; i < int(m_models.size()); ++i) {
                const auto it = m_rows.constFind(QString::fromStdString(m_models[std::size_t(i)]->registryName));
                if (it != m_rows.cend()
                    && QJsonDocument::fromJson(QByteArray::fromStdString(it->metricsJson)).object().value(
                        QStringLiteral("served")).toBool()) {
                    if (m_choice->currentIndex() != i)
                        m_choice->setCurrentIndex(i); // shows it
                    break;
                }
            }
            showMetrics();
            Q_EMIT metricsShown();
        },
        [this](const QString& message) {
            m_loading = false;
            m_error = message;
            showMetrics();
            Q_EMIT metricsShown();
        });
}

void ModelCardDialog::showModel(int index)
{
    if (index < 0 || index >= int(m_models.size()))
        return;
    const auto& m = *m_models[std::size_t(index)];
    const auto text = models::card(m, chineseUi() ? "zh" : "en");
    m_card->setMarkdown(QString::fromUtf8(text.data(), qsizetype(text.size())));
    showMetrics();
}

void ModelCardDialog::showMetrics()
{
    m_metrics->setRowCount(0);
    const int index = m_choice->currentIndex();
    if (index < 0 || index >= int(m_models.size()))
        return;
    const auto& m = *m_models[std::size_t(index)];
    const QString name = QString::fromStdString(m.registryName);
    const QString train = QString::fromStdString(m.trainCommand);
    const QString eval = QString::fromStdString(m.evalCommand);
    if (name.isEmpty()) {
        m_status->setText(tr("This model is fitted by its panel each time the panel computes and is not kept in "
                             "the store's model registry, so there are no stored metrics. Its evaluation on this "
                             "store: <tt>%1</tt>").arg(eval.toHtmlEscaped()));
        m_metrics->hide();
        return;
    }
    if (m_view && m_view->storePath().isEmpty()) {
        m_status->setText(tr("No store is open."));
        m_metrics->hide();
        return;
    }
    if (m_loading) {
        m_status->setText(tr("Loading the model trained on this store…"));
        m_metrics->hide();
        return;
    }
    if (!m_error.isEmpty()) {
        m_status->setText(tr("The store's model registry could not be read: %1").arg(m_error.toHtmlEscaped()));
        m_metrics->hide();
        return;
    }
    const auto it = m_rows.constFind(name);
    if (it == m_rows.cend()) {
        const QString button = trainButtonText(QString::fromStdString(m.panel));
        m_status->setText(tr("No model has been trained on this store yet. Train it with <b>%1</b> in the panel, "
                             "or with the command <tt>%2</tt>.")
                              .arg(button.toHtmlEscaped(), train.toHtmlEscaped()));
        m_metrics->hide();
        return;
    }
    const engine::ModelRecord& r = *it;
    const QDateTime at = QDateTime::fromSecsSinceEpoch(r.trainedAt, QTimeZone::utc()).toLocalTime();
    m_status->setText(tr("<tt>%1</tt> version %2, trained %3. Retrain: <tt>%4</tt>; evaluate: <tt>%5</tt>")
                          .arg(name.toHtmlEscaped())
                          .arg(r.version)
                          .arg(QLocale().toString(at, QLocale::ShortFormat), train.toHtmlEscaped(),
                               eval.toHtmlEscaped()));
    QList<QPair<QString, QString>> rows;
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(r.metricsJson));
    flatten(doc.object(), {}, 0, rows);
    // What the model saw (row counts, dates), e.g. the only figures the credit scorecard keeps.
    const auto snapshot = QJsonDocument::fromJson(QByteArray::fromStdString(r.dataSnapshot));
    flatten(snapshot.object(), QStringLiteral("data"), 1, rows);
    m_metrics->setRowCount(int(rows.size()));
    for (int i = 0; i < int(rows.size()); ++i) {
        m_metrics->setItem(i, 0, new QTableWidgetItem(rows[i].first));
        m_metrics->setItem(i, 1, new QTableWidgetItem(rows[i].second));
    }
    m_metrics->setVisible(!rows.isEmpty());
}

} // namespace shoppilot::ui
