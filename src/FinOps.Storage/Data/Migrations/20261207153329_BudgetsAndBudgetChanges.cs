using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinOps.Storage.Data.Migrations
{
    /// <inheritdoc />
    public partial class BudgetsAndBudgetChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BudgetChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BudgetId = table.Column<string>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", nullable: false),
                    BeforeJson = table.Column<string>(type: "TEXT", nullable: true),
                    AfterJson = table.Column<string>(type: "TEXT", nullable: true),
                    ChangedBy = table.Column<string>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", nullable: true),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Budgets",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Team = table.Column<string>(type: "TEXT", nullable: true),
                    DefinitionJson = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Budgets", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BudgetChanges_BudgetId",
                table: "BudgetChanges",
                column: "BudgetId");

            migrationBuilder.CreateIndex(
                name: "IX_Budgets_Team",
                table: "Budgets",
                column: "Team");

            // The audit is append-only: the database itself refuses to rewrite or delete it.
            migrationBuilder.Sql("CREATE TRIGGER BudgetChanges_NoUpdate BEFORE UPDATE ON BudgetChanges BEGIN SELECT RAISE(ABORT, 'BudgetChanges is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER BudgetChanges_NoDelete BEFORE DELETE ON BudgetChanges BEGIN SELECT RAISE(ABORT, 'BudgetChanges is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS BudgetChanges_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS BudgetChanges_NoDelete;");
            migrationBuilder.DropTable(
                name: "BudgetChanges");

            migrationBuilder.DropTable(
                name: "Budgets");
        }
    }
}
