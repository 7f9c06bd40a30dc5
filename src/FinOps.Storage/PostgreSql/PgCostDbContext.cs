using FinOps.Storage.Data;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.PostgreSql;

/// <summary>
/// <see cref="CostDbContext"/> on PostgreSQL: the same model, its own migrations (PostgreSql/Migrations/Cost), found by
/// this type. Tables keep their names (quoted, case as in the model) in the database's default schema.
/// </summary>
public sealed class PgCostDbContext(DbContextOptions<PgCostDbContext> options) : CostDbContext(options);
