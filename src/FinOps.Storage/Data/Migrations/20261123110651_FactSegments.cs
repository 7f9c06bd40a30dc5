using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinOps.Storage.Data.Migrations
{
    /// <inheritdoc />
    public partial class FactSegments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // One row per daily fact becomes one BLOB per slice and flush (FactSegmentCodec). The rows of an existing
            // store cannot be encoded in SQL: they are kept under another name for CostDatabase to convert and drop.
            migrationBuilder.DropIndex(
                name: "IX_CostFacts_ChargeDate",
                table: "CostFacts");

            migrationBuilder.RenameTable(
                name: "CostFacts",
                newName: LegacyRowFacts.TableName);

            migrationBuilder.AddColumn<long>(
                name: "Bytes",
                table: "Imports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CostFactSegments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SliceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Facts = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CostFactSegments", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CostFactSegments_SliceId",
                table: "CostFactSegments",
                column: "SliceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Segments are not turned back into rows: after going down, import the files again.
            migrationBuilder.Sql($"DROP TABLE IF EXISTS {LegacyRowFacts.TableName}");

            migrationBuilder.DropTable(
                name: "CostFactSegments");

            migrationBuilder.DropColumn(
                name: "Bytes",
                table: "Imports");

            migrationBuilder.CreateTable(
                name: "CostFacts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BilledCost = table.Column<decimal>(type: "TEXT", nullable: false),
                    BillingAccountNameRef = table.Column<int>(type: "INTEGER", nullable: true),
                    ChargeCategoryRef = table.Column<int>(type: "INTEGER", nullable: false),
                    ChargeDate = table.Column<int>(type: "INTEGER", nullable: false),
                    CommitmentDiscountIdRef = table.Column<int>(type: "INTEGER", nullable: true),
                    CommitmentDiscountStatusRef = table.Column<int>(type: "INTEGER", nullable: true),
                    ContractedCost = table.Column<decimal>(type: "TEXT", nullable: false),
                    CurrencyRef = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveCost = table.Column<decimal>(type: "TEXT", nullable: false),
                    ListCost = table.Column<decimal>(type: "TEXT", nullable: false),
                    PricingCategoryRef = table.Column<int>(type: "INTEGER", nullable: true),
                    RegionRef = table.Column<int>(type: "INTEGER", nullable: true),
                    ResourceIdRef = table.Column<int>(type: "INTEGER", nullable: true),
                    ResourceNameRef = table.Column<int>(type: "INTEGER", nullable: true),
                    ResourceTypeRef = table.Column<int>(type: "INTEGER", nullable: true),
                    RowCount = table.Column<long>(type: "INTEGER", nullable: false),
                    ServiceCategoryRef = table.Column<int>(type: "INTEGER", nullable: true),
                    ServiceRef = table.Column<int>(type: "INTEGER", nullable: true),
                    SliceId = table.Column<int>(type: "INTEGER", nullable: false),
                    SubAccountIdRef = table.Column<int>(type: "INTEGER", nullable: true),
                    SubAccountNameRef = table.Column<int>(type: "INTEGER", nullable: true),
                    TagSetId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CostFacts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CostFacts_ChargeDate",
                table: "CostFacts",
                column: "ChargeDate");

            migrationBuilder.CreateIndex(
                name: "IX_CostFacts_SliceId",
                table: "CostFacts",
                column: "SliceId");
        }
    }
}
