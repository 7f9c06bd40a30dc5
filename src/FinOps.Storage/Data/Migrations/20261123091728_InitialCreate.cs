using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinOps.Storage.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BillingSlices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProviderRef = table.Column<int>(type: "INTEGER", nullable: false),
                    BillingAccountIdRef = table.Column<int>(type: "INTEGER", nullable: false),
                    BillingPeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BillingSlices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CostFacts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SliceId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChargeDate = table.Column<int>(type: "INTEGER", nullable: false),
                    BillingAccountNameRef = table.Column<int>(type: "INTEGER", nullable: true),
                    SubAccountIdRef = table.Column<int>(type: "INTEGER", nullable: true),
                    SubAccountNameRef = table.Column<int>(type: "INTEGER", nullable: true),
                    ServiceRef = table.Column<int>(type: "INTEGER", nullable: true),
                    ServiceCategoryRef = table.Column<int>(type: "INTEGER", nullable: true),
                    RegionRef = table.Column<int>(type: "INTEGER", nullable: true),
                    ResourceIdRef = table.Column<int>(type: "INTEGER", nullable: true),
                    ResourceNameRef = table.Column<int>(type: "INTEGER", nullable: true),
                    ResourceTypeRef = table.Column<int>(type: "INTEGER", nullable: true),
                    ChargeCategoryRef = table.Column<int>(type: "INTEGER", nullable: false),
                    PricingCategoryRef = table.Column<int>(type: "INTEGER", nullable: true),
                    CommitmentDiscountIdRef = table.Column<int>(type: "INTEGER", nullable: true),
                    TagSetId = table.Column<int>(type: "INTEGER", nullable: false),
                    CurrencyRef = table.Column<int>(type: "INTEGER", nullable: false),
                    BilledCost = table.Column<decimal>(type: "TEXT", nullable: false),
                    EffectiveCost = table.Column<decimal>(type: "TEXT", nullable: false),
                    ListCost = table.Column<decimal>(type: "TEXT", nullable: false),
                    ContractedCost = table.Column<decimal>(type: "TEXT", nullable: false),
                    RowCount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CostFacts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DimensionValues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DimensionValues", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdempotencyKeys",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    Result = table.Column<string>(type: "TEXT", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotencyKeys", x => new { x.Scope, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "Imports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FilePath = table.Column<string>(type: "TEXT", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    Rows = table.Column<long>(type: "INTEGER", nullable: false),
                    Facts = table.Column<long>(type: "INTEGER", nullable: false),
                    Slices = table.Column<int>(type: "INTEGER", nullable: false),
                    Periods = table.Column<string>(type: "TEXT", nullable: false),
                    Currencies = table.Column<string>(type: "TEXT", nullable: false),
                    Warnings = table.Column<string>(type: "TEXT", nullable: false),
                    Error = table.Column<string>(type: "TEXT", nullable: true),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Imports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Channel = table.Column<string>(type: "TEXT", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    Result = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TagSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TagSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportSlices",
                columns: table => new
                {
                    ImportId = table.Column<long>(type: "INTEGER", nullable: false),
                    SliceId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportSlices", x => new { x.ImportId, x.SliceId });
                    table.ForeignKey(
                        name: "FK_ImportSlices_BillingSlices_SliceId",
                        column: x => x.SliceId,
                        principalTable: "BillingSlices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ImportSlices_Imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "Imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BillingSlices_ProviderRef_BillingAccountIdRef_BillingPeriodStart",
                table: "BillingSlices",
                columns: new[] { "ProviderRef", "BillingAccountIdRef", "BillingPeriodStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CostFacts_ChargeDate",
                table: "CostFacts",
                column: "ChargeDate");

            migrationBuilder.CreateIndex(
                name: "IX_CostFacts_SliceId",
                table: "CostFacts",
                column: "SliceId");

            migrationBuilder.CreateIndex(
                name: "IX_DimensionValues_Value",
                table: "DimensionValues",
                column: "Value",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Imports_Sha256",
                table: "Imports",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_ImportSlices_SliceId",
                table: "ImportSlices",
                column: "SliceId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Channel_Status_NextAttemptAt",
                table: "OutboxMessages",
                columns: new[] { "Channel", "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_IdempotencyKey",
                table: "OutboxMessages",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TagSets_Json",
                table: "TagSets",
                column: "Json",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CostFacts");

            migrationBuilder.DropTable(
                name: "DimensionValues");

            migrationBuilder.DropTable(
                name: "IdempotencyKeys");

            migrationBuilder.DropTable(
                name: "ImportSlices");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "TagSets");

            migrationBuilder.DropTable(
                name: "BillingSlices");

            migrationBuilder.DropTable(
                name: "Imports");
        }
    }
}
