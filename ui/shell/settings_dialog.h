// Settings: UI language (system / 中文 / English), theme (system / light / dark) and the data
// file opened at start-up. Stored with QSettings; the main window applies them.
#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;

namespace shoppilot::ui {

struct AppSettings {
    QString language = QStringLiteral("system"); // system | zh_CN | en
    QString theme = QStringLiteral("system");    // system | light | dark
    QString dataFile;                            // opened at start when no --db is given

    static AppSettings load();
    void save() const;
};

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(const AppSettings& current, QWidget* parent = nullptr);
    AppSettings settings() const;

private:
    QComboBox* m_language;
    QComboBox* m_theme;
    QLineEdit* m_dataFile;
};

// Applies a theme to the whole application (Fusion palettes for light/dark).
void applyTheme(const QString& theme);

} // namespace shoppilot::ui
