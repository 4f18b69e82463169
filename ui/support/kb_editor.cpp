#include "support/kb_editor.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <ctime>
#include <set>

#include "shell/store_service.h"
#include "shell/view_state.h"
#include "store/database.h"
#include "widgets/table_util.h"

namespace shoppilot::ui {

namespace sup = shoppilot::support;

namespace {

constexpr int kPreviewDelayMs = 150; // after the last key stroke
constexpr int kPreviewHits = 8;

} // namespace

KbEditor::KbEditor(ViewState* view, QWidget* parent) : QWidget(parent), m_view(view)
{
    setObjectName(QStringLiteral("kbEditor"));
    auto* outer = new QVBoxLayout(this);
    auto* split = new QSplitter(Qt::Horizontal);
    m_list = newReadOnlyTable();
    m_list->setObjectName(QStringLiteral("kbArticles"));
    m_list->setColumnCount(4);
    split->addWidget(m_list);

    auto* formBox = new QWidget;
    auto* formLayout = new QVBoxLayout(formBox);
    formLayout->setContentsMargins(0, 0, 0, 0);
    auto* form = new QFormLayout;
    m_slug = new QLineEdit;
    m_slug->setObjectName(QStringLiteral("kbSlug"));
    m_language = new QComboBox;
    m_language->setObjectName(QStringLiteral("kbLanguage"));
    m_language->addItem(QStringLiteral("English (en)"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("中文 (zh)"), QStringLiteral("zh"));
    m_intent = new QComboBox;
    m_intent->setObjectName(QStringLiteral("kbIntent"));
    m_intent->setEditable(true);
    m_title = new QLineEdit;
    m_title->setObjectName(QStringLiteral("kbTitle"));
    m_tags = new QLineEdit;
    m_body = new QPlainTextEdit;
    m_body->setObjectName(QStringLiteral("kbBody"));
    for (auto*& l : m_labels)
        l = new QLabel;
    form->addRow(m_labels[0], m_slug);
    form->addRow(m_labels[1], m_language);
    form->addRow(m_labels[2], m_intent);
    form->addRow(m_labels[3], m_title);
    form->addRow(m_labels[4], m_tags);
    form->addRow(m_labels[5], m_body);
    formLayout->addLayout(form, 1);
    auto* buttons = new QHBoxLayout;
    m_new = new QPushButton;
    m_save = new QPushButton;
    m_save->setObjectName(QStringLiteral("kbSave"));
    m_delete = new QPushButton;
    buttons->addWidget(m_new);
    buttons->addStretch(1);
    buttons->addWidget(m_delete);
    buttons->addWidget(m_save);
    formLayout->addLayout(buttons);
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("kbMessage"));
    m_message->setWordWrap(true);
    formLayout->addWidget(m_message);
    split->addWidget(formBox);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    outer->addWidget(split, 3);

    m_question = new QLineEdit;
    m_question->setObjectName(QStringLiteral("kbQuestion"));
    m_question->setClearButtonEnabled(true);
    outer->addWidget(m_question);
    m_answer = new QLabel;
    m_answer->setObjectName(QStringLiteral("kbAnswer"));
    m_answer->setWordWrap(true);
    outer->addWidget(m_answer);
    m_preview = newReadOnlyTable();
    m_preview->setObjectName(QStringLiteral("kbPreview"));
    m_preview->setColumnCount(5);
    m_preview->horizontalHeader()->setStretchLastSection(true);
    outer->addWidget(m_preview, 2);
    m_previewTimer = new QTimer(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(kPreviewDelayMs);

    connect(m_list, &QTableWidget::currentCellChanged, this, [this](int row) { showArticle(row); });
    connect(m_new, &QPushButton::clicked, this, &KbEditor::newArticle);
    connect(m_save, &QPushButton::clicked, this, &KbEditor::saveArticle);
    connect(m_delete, &QPushButton::clicked, this, &KbEditor::deleteArticle);
    connect(m_question, &QLineEdit::textChanged, m_previewTimer, qOverload<>(&QTimer::start));
    connect(m_previewTimer, &QTimer::timeout, this, &KbEditor::preview);
    retranslate();
}

void KbEditor::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void KbEditor::retranslate()
{
    m_list->setHorizontalHeaderLabels({tr("Intent"), tr("Language"), tr("Title"), tr("Updated")});
    m_preview->setHorizontalHeaderLabels({tr("Rank"), tr("Article"), tr("Language"), tr("BM25"), tr("Matching text")});
    const QStringList labels{tr("Slug"), tr("Language"), tr("Intent"), tr("Title"), tr("Tags"), tr("Body")};
    for (int i = 0; i < 6; ++i)
        m_labels[i]->setText(labels[i]);
    m_new->setText(tr("New article"));
    m_save->setText(tr("Save"));
    m_delete->setText(tr("Delete"));
    m_question->setPlaceholderText(tr("Try a customer's question: the articles search finds appear below as you type"));
    m_slug->setPlaceholderText(tr("e.g. gift-wrap-en"));
}

void KbEditor::setBot(std::shared_ptr<const sup::IntentModel> model, std::shared_ptr<const sup::KbRanker> ranker)
{
    m_model = std::move(model);
    m_ranker = std::move(ranker);
    std::set<QString> intents;
    for (int i = 0; i < m_intent->count(); ++i)
        intents.insert(m_intent->itemText(i));
    if (m_model)
        for (const auto& l : m_model->labels())
            if (!intents.count(QString::fromStdString(l)))
                m_intent->addItem(QString::fromStdString(l));
    if (!m_question->text().isEmpty())
        preview();
}

void KbEditor::reload()
{
    if (m_view->storePath().isEmpty())
        return;
    m_view->store().read(
        this, [](store::Database& db) { return sup::listArticles(db); },
        [this](std::vector<sup::KbArticle> articles) {
            m_articles = std::move(articles);
            const QSignalBlocker block(m_list);
            m_list->setRowCount(int(m_articles.size()));
            std::set<QString> intents;
            int select = -1;
            for (int r = 0; r < int(m_articles.size()); ++r) {
                const auto& a = m_articles[std::size_t(r)];
                m_list->setItem(r, 0, readOnlyCell(QString::fromStdString(a.intent)));
                m_list->setItem(r, 1, readOnlyCell(QString::fromStdString(a.language)));
                m_list->setItem(r, 2, readOnlyCell(QString::fromStdString(a.title)));
                m_list->setItem(r, 3, readOnlyCell(QLocale().toString(QDateTime::fromSecsSinceEpoch(a.updatedAt).date(), QLocale::ShortFormat)));
                if (!a.intent.empty())
                    intents.insert(QString::fromStdString(a.intent));
                if (a.id == m_editing)
                    select = r;
            }
            m_list->resizeColumnsToContents();
            const QString current = m_intent->currentText();
            m_intent->clear();
            m_intent->addItem(QString());
            for (const auto& i : intents)
                m_intent->addItem(i);
            m_intent->setCurrentText(current);
            if (select < 0 && !m_articles.empty() && m_editing == 0 && m_slug->text().isEmpty())
                select = 0; // open on the first article
            if (select >= 0) {
                m_list->setCurrentCell(select, 0);
                showArticle(select);
            }
            Q_EMIT articlesLoaded();
        },
        [this](const QString& e) {
            m_message->setText(tr("Could not read the knowledge base: %1").arg(e));
            Q_EMIT failed(e);
        });
}

void KbEditor::showArticle(int row)
{
    if (row < 0 || row >= int(m_articles.size()))
        return;
    const auto& a = m_articles[std::size_t(row)];
    m_editing = a.id;
    m_slug->setText(QString::fromStdString(a.slug));
    m_language->setCurrentIndex(a.language == "zh" ? 1 : 0);
    m_intent->setCurrentText(QString::fromStdString(a.intent));
    m_title->setText(QString::fromStdString(a.title));
    m_tags->setText(QString::fromStdString(a.tags));
    m_body->setPlainText(QString::fromStdString(a.body));
    m_delete->setEnabled(true);
    m_message->clear();
}

void KbEditor::newArticle()
{
    m_editing = 0;
    const QSignalBlocker block(m_list);
    m_list->clearSelection();
    m_slug->clear();
    m_title->clear();
    m_tags->clear();
    m_body->clear();
    m_intent->setCurrentText(QString());
    m_delete->setEnabled(false);
    m_message->setText(tr("A new article: fill it in and save."));
    m_slug->setFocus();
}

void KbEditor::saveArticle()
{
    if (m_view->storePath().isEmpty())
        return;
    sup::KbArticle a;
    a.id = m_editing;
    a.slug = m_slug->text().trimmed().toStdString();
    a.language = m_language->currentData().toString().toStdString();
    a.intent = m_intent->currentText().trimmed().toStdString();
    a.title = m_title->text().trimmed().toStdString();
    a.tags = m_tags->text().trimmed().toStdString();
    a.body = m_body->toPlainText().trimmed().toStdString();
    m_save->setEnabled(false);
    m_view->store().write(
        this, [a](store::Database& db) { return sup::saveArticle(db, a, Timestamp(std::time(nullptr))); },
        [this](std::int64_t id) {
            m_save->setEnabled(true);
            m_editing = id;
            m_message->setText(tr("Saved. The search below and the bot use it from now on."));
            m_view->notifyDataChanged(QStringLiteral("kb_articles"));
            reload();
            if (!m_question->text().isEmpty())
                preview();
            Q_EMIT saved();
        },
        [this](const QString& e) {
            m_save->setEnabled(true);
            m_message->setText(tr("Not saved: %1").arg(e));
            Q_EMIT failed(e);
        });
}

void KbEditor::deleteArticle()
{
    if (m_editing == 0 || m_view->storePath().isEmpty())
        return;
    if (QMessageBox::question(this, tr("Delete article"), tr("Delete the article “%1”? The bot stops citing it.").arg(m_title->text())) !=
        QMessageBox::Yes)
        return;
    const std::int64_t id = m_editing;
    m_view->store().write(
        this, [id](store::Database& db) { sup::deleteArticle(db, id); },
        [this] {
            m_message->setText(tr("Deleted."));
            m_view->notifyDataChanged(QStringLiteral("kb_articles"));
            newArticle();
            reload();
        },
        [this](const QString& e) { m_message->setText(tr("Not deleted: %1").arg(e)); });
}

void KbEditor::preview()
{
    const std::string q = m_question->text().toStdString();
    if (q.empty() || m_view->storePath().isEmpty()) {
        m_preview->setRowCount(0);
        m_answer->clear();
        return;
    }
    const quint64 generation = ++m_previewGeneration;
    struct Result {
        std::vector<sup::KbHit> hits, ranked;
    };
    m_view->store().read(
        this,
        [q, model = m_model, ranker = m_ranker](store::Database& db) {
            Result r;
            r.hits = sup::searchKb(db, q, kPreviewHits);
            if (model && ranker)
                r.ranked = ranker->rank(db, q, *model, 3);
            return r;
        },
        [this, generation](Result r) {
            if (generation != m_previewGeneration)
                return;
            m_preview->setRowCount(int(r.hits.size()));
            for (int i = 0; i < int(r.hits.size()); ++i) {
                const auto& h = r.hits[std::size_t(i)];
                m_preview->setItem(i, 0, readOnlyCell(QString::number(i + 1), true));
                m_preview->setItem(i, 1, readOnlyCell(QString::fromStdString(h.title)));
                m_preview->setItem(i, 2, readOnlyCell(QString::fromStdString(h.language)));
                m_preview->setItem(i, 3, readOnlyCell(QLocale().toString(-h.bm25, 'f', 2), true));
                m_preview->setItem(i, 4, readOnlyCell(QString::fromStdString(h.snippet)));
            }
            m_preview->resizeColumnsToContents();
            if (r.hits.empty())
                m_answer->setText(tr("No article contains these words: write one, or add the customer's words as tags."));
            else if (!r.ranked.empty())
                m_answer->setText(tr("The bot would answer with “%1” (%2, re-ranked with the intent model).")
                                      .arg(QString::fromStdString(r.ranked.front().title))
                                      .arg(QLocale().toString(100 * r.ranked.front().score, 'f', 0) + QLatin1Char('%')));
            else
                m_answer->setText(tr("Full-text search only: the bot's re-ranking shows once it has been trained."));
            Q_EMIT previewShown();
        },
        [this](const QString& e) { m_answer->setText(tr("Search failed: %1").arg(e)); });
}

} // namespace shoppilot::ui
