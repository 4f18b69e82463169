// libFuzzer target: a page of WooCommerce REST records (also what webhooks deliver, one record a
// body): the page splitter and every record mapper. Bad input must end in shoppilot::Error (or
// std::exception), never a crash, a hang or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>

#include "sync/woo_format.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    using namespace shoppilot::sync::woo;
    ShopContext shop;
    shop.currency = "GBP";
    shop.weightUnit = "kg";
    try {
        for (const auto& element : splitArray(text)) {
            try { (void)parseOrder(element, shop); } catch (const std::exception&) {}
            try { (void)parseProduct(element, shop); } catch (const std::exception&) {}
            try { (void)parseCustomer(element, shop); } catch (const std::exception&) {}
            try { (void)parseVariation(element, "17", "Parent", shop); } catch (const std::exception&) {}
        }
    } catch (const std::exception&) {
    }
    // A single record, as a webhook body is.
    try { (void)parseOrder(text, shop); } catch (const std::exception&) {}
    try { (void)parseWooDate(text); } catch (const std::exception&) {}
    return 0;
}
