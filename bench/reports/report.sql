-- What the server sends for one GET /api/v1/reports/participation (report_repository.cpp):
-- the fold of the changes noted since the last report, then the report itself, each
-- autocommit.
select samverkan_report_fold();
select samverkan_participation_report(cast(:from as date), cast(:to as date));
