using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinOps.Storage.Data.Migrations
{
    /// <inheritdoc />
    public partial class AnomalyFeedbackAnomFeedbackBranch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AnomalyFeedback",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Team = table.Column<string>(type: "TEXT", nullable: false),
                    Service = table.Column<string>(type: "TEXT", nullable: true),
                    Scope = table.Column<string>(type: "TEXT", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", nullable: false),
                    Direction = table.Column<string>(type: "TEXT", nullable: false),
                    Start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DailyImpact = table.Column<decimal>(type: "TEXT", nullable: false),
                    ActorKey = table.Column<string>(type: "TEXT", nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", nullable: false),
                    MutedUntil = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnomalyFeedback", x => x.Sequence);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnomalyFeedback_IncidentId_Kind",
                table: "AnomalyFeedback",
                columns: new[] { "IncidentId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnomalyFeedback_Team_Service",
                table: "AnomalyFeedback",
                columns: new[] { "Team", "Service" });

            // The feedback is append-only: SQLite itself refuses to rewrite it, whoever connects.
            migrationBuilder.Sql("CREATE TRIGGER AnomalyFeedback_NoUpdate BEFORE UPDATE ON AnomalyFeedback BEGIN SELECT RAISE(ABORT, 'AnomalyFeedback is append-only: entries cannot be updated'); END;");
            migrationBuilder.Sql("CREATE TRIGGER AnomalyFeedback_NoDelete BEFORE DELETE ON AnomalyFeedback BEGIN SELECT RAISE(ABORT, 'AnomalyFeedback is append-only: entries cannot be deleted'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AnomalyFeedback_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AnomalyFeedback_NoDelete;");
            migrationBuilder.DropTable(
                name: "AnomalyFeedback");
        }
    }
}
