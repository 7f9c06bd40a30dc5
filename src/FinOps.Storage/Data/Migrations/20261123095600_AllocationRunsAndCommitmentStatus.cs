using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinOps.Storage.Data.Migrations
{
    /// <inheritdoc />
    public partial class AllocationRunsAndCommitmentStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CommitmentDiscountStatusRef",
                table: "CostFacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AllocationRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AppliedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RulesSource = table.Column<string>(type: "TEXT", nullable: false),
                    Revision = table.Column<string>(type: "TEXT", nullable: true),
                    RulesText = table.Column<string>(type: "TEXT", nullable: false),
                    Metric = table.Column<string>(type: "TEXT", nullable: false),
                    AffectedStart = table.Column<string>(type: "TEXT", nullable: true),
                    AffectedEnd = table.Column<string>(type: "TEXT", nullable: true),
                    MovesJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AllocationRuns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AllocationRuns_AppliedAt",
                table: "AllocationRuns",
                column: "AppliedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AllocationRuns");

            migrationBuilder.DropColumn(
                name: "CommitmentDiscountStatusRef",
                table: "CostFacts");
        }
    }
}
