// Help > "About this model…": the model card of the model behind the current panel (in the UI's
// language) and the metrics of the version actually trained on the open store (the active row of
// the store's models registry). The registry is read on a worker connection (StoreService), never
// on the GUI thread: the dialog says "loading" until the row arrives, then fills in, or says no
// model is trained yet and names the button and the command that train it.
#pragma once

#include <QDialog>
#include <QHash>
#include <QString>

#include <optional>
#include <vector>

#include "engine/engine.h"

class QComboBox;
class QLabel;
class QTableWidget;
class QTextBrowser;

namespace shoppilot::models {
struct ModelInfo;
}

namespace shoppilot::ui {

class ViewState;

class ModelCardDialog : public QDialog {
    Q_OBJECT
public:
    // `panelId`: the registry id of the current panel; a panel without a model gets an explanation.
    ModelCardDialog(ViewState* view, const QString& panelId, QWidget* parent = nullptr);

    // Whether the panel has a model card at all (Help's action is disabled when not).
    static bool panelHasModel(const QString& panelId);
    // The model shown (its family/id), empty on a panel without one.
    QString currentModelId() const;
    // False until the registry answered (or when there is nothing to read).
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    // The registry rows arrived (or failed) and the metrics are shown.
    void metricsShown();

private:
    void requestRegistry();
    void showModel(int index);
    void showMetrics();

    ViewState* m_view;
    std::vector<const models::ModelInfo*> m_models;
    // Active registry rows by registry name, once read.
    QHash<QString, engine::ModelRecord> m_rows;
    QString m_error;
    bool m_loading = false;

    QComboBox* m_choice = nullptr;
    QTextBrowser* m_card = nullptr;
    QLabel* m_status = nullptr;
    QTableWidget* m_metrics = nullptr;
};

} // namespace shoppilot::ui
