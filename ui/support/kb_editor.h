// The Support panel's knowledge-base editor: the articles in both languages, a form to add, edit
// and delete one, and a live search preview — what FTS5 (BM25) finds for a customer's question
// and, once the bot is trained, what the learned re-ranker answers with — so an editor sees at
// once whether a new article will be found. Reads and writes go through the store service.
#pragma once

#include <QWidget>
#include <memory>
#include <vector>

#include "support/kb.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTimer;

namespace shoppilot::ui {

class ViewState;

class KbEditor : public QWidget {
    Q_OBJECT
public:
    explicit KbEditor(ViewState* view, QWidget* parent = nullptr);

    // The served bot's model and ranker (null until trained): the preview then shows the answer.
    void setBot(std::shared_ptr<const support::IntentModel> model, std::shared_ptr<const support::KbRanker> ranker);

    QTableWidget* articleTable() const { return m_list; }
    QTableWidget* previewTable() const { return m_preview; }
    QLineEdit* slugEdit() const { return m_slug; }
    QLineEdit* titleEdit() const { return m_title; }
    QComboBox* languageBox() const { return m_language; }
    QComboBox* intentBox() const { return m_intent; }
    QPlainTextEdit* bodyEdit() const { return m_body; }
    QLineEdit* questionEdit() const { return m_question; }
    QLabel* messageLabel() const { return m_message; }
    QLabel* answerLabel() const { return m_answer; }
    const std::vector<support::KbArticle>& articles() const { return m_articles; }

public Q_SLOTS:
    void reload();
    void newArticle();
    void saveArticle();
    void deleteArticle();
    void preview();

Q_SIGNALS:
    void articlesLoaded();
    void saved();
    void previewShown();
    void failed(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void showArticle(int row);

    ViewState* m_view;
    std::vector<support::KbArticle> m_articles;
    std::int64_t m_editing = 0;
    std::shared_ptr<const support::IntentModel> m_model;
    std::shared_ptr<const support::KbRanker> m_ranker;
    quint64 m_previewGeneration = 0;

    QTableWidget* m_list = nullptr;
    QLineEdit* m_slug = nullptr;
    QComboBox* m_language = nullptr;
    QComboBox* m_intent = nullptr;
    QLineEdit* m_title = nullptr;
    QLineEdit* m_tags = nullptr;
    QPlainTextEdit* m_body = nullptr;
    QPushButton* m_new = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_delete = nullptr;
    QLabel* m_message = nullptr;
    QLineEdit* m_question = nullptr;
    QLabel* m_answer = nullptr;
    QTableWidget* m_preview = nullptr;
    QTimer* m_previewTimer = nullptr;
    QLabel* m_labels[6] = {};
};

} // namespace shoppilot::ui
