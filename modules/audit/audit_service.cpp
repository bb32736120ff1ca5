#include "modules/audit/audit_service.hpp"

#include "modules/audit/audit.hpp"
#include "modules/audit/audit_repository.hpp"
#include "modules/core/database.hpp"

namespace samverkan::audit {

asio::awaitable<page> audit_service::read(long long number, long long viewer,
                                          std::string client_address) {
    co_return co_await db_.transact([&](soci::session& sql) {
        page out;
        out.number = number;
        out.size = page_size;
        // The view is recorded first, so it appears at the top of the page it produced.
        record(sql, entry{.user_id = viewer,
                          .action = "audit.view",
                          .entity = "audit_log",
                          .entity_id = 0,
                          .detail_json = "{\"page\":" + std::to_string(number) + "}",
                          .client_address = client_address});
        out.total = repository::count(sql);
        out.rows = repository::list(sql, (number - 1) * page_size, page_size);
        return out;
    });
}

}  // namespace samverkan::audit
