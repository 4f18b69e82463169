// Next category: which category a customer's next order will be in (the category with the
// largest share of that order's value), as the top-k categories with probabilities from a small
// LibTorch softmax network over the customer's category shares, last category and order count.
// Trained on the orders up to a training end only; below kMinOrdersForCategory orders the caller
// shows "not enough history".
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "common/progress.h"

namespace shoppilot::segments {

constexpr int kMinOrdersForCategory = 2;

struct CategoryOrder {
    int day = 0;
    int category = 0; // index into the caller's category list
};
struct CategoryHistory {
    std::int64_t customerId = 0;
    std::vector<CategoryOrder> orders; // ascending day
};
struct CategoryGuess {
    int category = 0;
    double probability = 0;
};

struct NextCategoryOptions {
    int hidden = 32;
    int epochs = 200;
    double weightDecay = 1e-4;
    std::uint64_t seed = 7;
};

class NextCategoryModel {
public:
    NextCategoryModel();
    NextCategoryModel(NextCategoryModel&&) noexcept;
    NextCategoryModel& operator=(NextCategoryModel&&) noexcept;
    ~NextCategoryModel();

    // Examples: each order on or before trainEnd that has kMinOrdersForCategory earlier orders,
    // predicted from those. Throws InvalidArgument when there are fewer than 20 such orders.
    static NextCategoryModel train(const std::vector<CategoryHistory>& histories, int categories, int trainEnd,
                                   const NextCategoryOptions& options = {}, const Progress& progress = {});

    // Top-k from the orders on or before asOfDay; an empty list when the customer has fewer than
    // kMinOrdersForCategory of them.
    std::vector<std::vector<CategoryGuess>> predict(const std::vector<CategoryHistory>& histories, int asOfDay, int k = 3) const;
    int examples() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace shoppilot::segments
