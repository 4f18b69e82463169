// Intent classification for the support bot, trained from scratch on the store's (or a data
// set's) own labelled messages: one model for Chinese and English over hashed n-grams
// (text_features.h), and out-of-scope detection by a confidence threshold chosen on validation
// data.
//
//  * Product model (LibTorch): a fastText-style network (Joulin et al. 2017) — the mean of the
//    message's n-gram embeddings, dropout, a linear softmax layer — trained with SGD on sparse
//    embedding gradients (only the rows a batch touches move), the learning rate decaying linearly
//    to zero, the epoch count chosen by validation accuracy (the best epoch's weights kept).
//  * Baseline (plain C++): multinomial logistic regression on L2-normalised TF-IDF of the same
//    features, SGD with weight decay — the "linear bag-of-n-grams" every result is compared with
//    in the same run.
//  * Out of scope: a message whose top probability is below the threshold gets no intent. With
//    out-of-scope examples in the validation data, the threshold maximises the mean of in-scope
//    accuracy (as predicted, below-threshold counted wrong) and out-of-scope recall; without,
//    it is the 5th percentile of the validation in-scope top probabilities.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/progress.h"
#include "support/text_features.h"

namespace shoppilot::support {

struct IntentExample {
    std::string text;
    std::string label;
};

// CSV with a header naming `text` and `category` or `label` columns, or TSV (text<TAB>label) with
// a header line; gzip allowed. A row without text or label is an Error(Parse) naming file and line.
std::vector<IntentExample> readIntentFile(const std::string& path);
// A stratified hold-out: about `share` of each label (at least one when the label has 2+ rows).
std::pair<std::vector<IntentExample>, std::vector<IntentExample>> stratifiedHoldout(const std::vector<IntentExample>& rows,
                                                                                    double share, std::uint64_t seed);

struct IntentOptions {
    FeatureOptions features;
    int dim = 100;
    int maxEpochs = 40;
    double learningRate = 0.5;
    double dropout = 0.2;
    int batch = 16;
    std::uint64_t seed = 1;
    std::string oosLabel; // the label out-of-scope examples carry in the data (empty: none)
};

struct Prediction {
    int label = -1;          // -1: out of scope
    double confidence = 0;   // top probability
};

class IntentModel {
public:
    virtual ~IntentModel() = default;
    virtual std::vector<double> probabilities(const std::string& text) const = 0;
    Prediction predict(const std::string& text) const; // with the threshold
    const std::vector<std::string>& labels() const { return m_labels; }
    double threshold() const { return m_threshold; }
    void setThreshold(double t) { m_threshold = t; }

protected:
    std::vector<std::string> m_labels; // in-scope labels
    double m_threshold = 0;
};

// The product's model: the network and the linear model averaged when that scores better on
// validation than the network alone (on both shared data sets it does), else the network.
std::unique_ptr<IntentModel> trainIntents(const std::vector<IntentExample>& train, const std::vector<IntentExample>& validation,
                                          const IntentOptions& options, const Progress& progress = {});
// Fits on `train`, chooses epochs and the threshold on `validation` (out-of-scope rows carry
// options.oosLabel and are left out of training).
std::unique_ptr<IntentModel> trainNeuralIntents(const std::vector<IntentExample>& train,
                                                const std::vector<IntentExample>& validation, const IntentOptions& options,
                                                const Progress& progress = {});
std::unique_ptr<IntentModel> trainLinearIntents(const std::vector<IntentExample>& train,
                                                const std::vector<IntentExample>& validation, const IntentOptions& options,
                                                const Progress& progress = {});

struct IntentScore {
    double accuracy = 0;        // over every test row (out-of-scope rows right when refused)
    double inScopeAccuracy = 0; // over in-scope rows, the threshold applied
    double oosRecall = 0;       // over out-of-scope rows (0 rows: 0)
    double trainSeconds = 0;
    double threshold = 0;
    int epochs = 0;
};
IntentScore scoreIntents(const IntentModel& model, const std::vector<IntentExample>& test, const std::string& oosLabel);

} // namespace shoppilot::support
