// Behavioural clusters: the feature table standardised, k-means++ with restarts in LibTorch,
// k chosen by (sampled) silhouette or given, a 2-D PCA map, and the adjusted Rand index used to
// compare a clustering with a known partition. Torch stays in kmeans.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/progress.h"
#include "segments/features.h"

namespace shoppilot::segments {

// Row-major float matrix, n rows x d columns.
struct Matrix {
    std::size_t rows = 0, cols = 0;
    std::vector<float> data;
};

struct KMeansOptions {
    int restarts = 4;    // k-means++ starts; the lowest inertia wins
    int maxIter = 60;    // Lloyd iterations per start (stops earlier when no label changes)
    std::uint64_t seed = 1;
    // Above this many rows the restarts run on a random sample of it and the best centres are
    // then refined on every row (at most refineIter iterations): the restarts cost the same at
    // 20k rows as at 1M, and the refinement moves the centres little.
    std::size_t fitSample = 20000;
    int refineIter = 15;
};

struct KMeansResult {
    int k = 0;
    std::vector<int> label; // per row, 0..k-1
    Matrix centres;         // k x d
    double inertia = 0;     // sum of squared distances to the assigned centre
};

KMeansResult kmeans(const Matrix& x, int k, const KMeansOptions& options = {});
// `rows` rows of x drawn without replacement (all of x when it has no more).
Matrix sampleRows(const Matrix& x, std::size_t rows, std::uint64_t seed);
// Mean silhouette over at most `sample` rows drawn at random (all rows when n <= sample),
// distances to every row of the sample (as scikit-learn's silhouette_score(sample_size=...)).
double silhouette(const Matrix& x, const std::vector<int>& label, int sample = 2000, std::uint64_t seed = 1);
// Projection on the first two principal components (n x 2, signs fixed for reproducibility).
Matrix pca2(const Matrix& x);
// Adjusted Rand index of two partitions of the same items (1 = identical, ~0 = chance).
double adjustedRandIndex(const std::vector<int>& a, const std::vector<int>& b);

// The clustering inputs: which feature columns, how transformed, and their standardisation.
struct ClusterInputs {
    std::vector<std::string> columns;
    std::vector<bool> logged;            // log1p before standardising (skewed counts and money)
    std::vector<double> mean, scale;     // of the (logged) column over present values
    Matrix x;                            // standardised; absent values at 0 (the column mean)
};

// Default columns: recency, frequency, spend, tenure, gap between orders, discount share, how
// overdue against the customer's own gap and, with events, sessions a month (those the table
// has). Counts, money and days are log1p'd, shares of few orders shrunk towards the base rate,
// z-scores clipped at 3. Category shares describe a cluster (cluster_profile.h) but are not
// clustered on: a dozen sparse shares would drown the behaviour. Columns absent for more than
// half the customers are left out (absent values sit at the column mean).
ClusterInputs clusterInputs(const CustomerFeatures& f, const std::vector<std::string>& columns = {});

struct ClusterOptions {
    int k = 0;              // 0: choose by silhouette over [kMin, kMax]
    int kMin = 2, kMax = 8;
    int silhouetteSample = 2000;
    KMeansOptions kmeans;
    std::vector<std::string> columns; // empty: the default columns
};

struct Clustering {
    int k = 0;
    std::vector<int> label;                          // per feature row
    std::vector<std::pair<int, double>> silhouettes; // (k, silhouette) tried, when k was chosen
    double silhouette = 0;                           // of the chosen k
    double inertia = 0;
    std::vector<std::string> columns;
    Matrix map; // n x 2 PCA coordinates
};

Clustering clusterCustomers(const CustomerFeatures& f, const ClusterOptions& options = {}, const Progress& progress = {});

} // namespace shoppilot::segments
