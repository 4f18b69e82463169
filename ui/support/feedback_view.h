// The Support panel's after-sales feedback tab (core/support/feedback.h): products ranked by
// feedback beyond their category's rate, the topics and sentiment by month for the shop or the
// selected product, and links to the product in Pricing and to refunds in Risk. Computed as a job
// (the sentiment model is learned on the way); the GUI thread never touches the store.
#pragma once

#include <QWidget>

#include "support/feedback.h"

class QLabel;
class QPushButton;
class QTableWidget;

namespace shoppilot::ui {

class JobRunner;
class ViewState;
class XyChartView;

class FeedbackView : public QWidget {
    Q_OBJECT
public:
    FeedbackView(ViewState* view, JobRunner* jobs, QWidget* parent = nullptr);

    QTableWidget* productTable() const { return m_products; }
    QTableWidget* topicTable() const { return m_topics; }
    XyChartView* topicChart() const { return m_topicChart; }
    XyChartView* sentimentChart() const { return m_sentimentChart; }
    QLabel* summaryLabel() const { return m_summary; }
    const support::FeedbackReport& report() const { return m_report; }
    std::int64_t shownProduct() const { return m_product; }

public Q_SLOTS:
    void reload();
    void showProduct(std::int64_t productId); // 0: the whole shop

Q_SIGNALS:
    void loaded();
    void failed(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void load(std::int64_t productId);
    void fillProducts();
    void fillThemes();
    void retranslate();

    ViewState* m_view;
    JobRunner* m_jobs;
    quint64 m_generation = 0;
    std::int64_t m_product = 0;
    support::FeedbackReport m_report; // whole shop: products; the shown scope: topics and months
    std::vector<support::ProductFeedback> m_allProducts;

    QLabel* m_summary = nullptr;
    QLabel* m_scope = nullptr;
    QTableWidget* m_products = nullptr;
    QTableWidget* m_topics = nullptr;
    XyChartView* m_topicChart = nullptr;
    XyChartView* m_sentimentChart = nullptr;
    QPushButton* m_allShop = nullptr;
    QPushButton* m_pricing = nullptr;
    QPushButton* m_risk = nullptr;
};

} // namespace shoppilot::ui
