using Microsoft.Data.Sqlite;

namespace FinOps.Storage.Data;

/// <summary>
/// Moves the facts of a store created before fact segments (one row per fact, kept by the <c>FactSegments</c>
/// migration as <see cref="TableName"/>) into segments, then drops that table. One transaction: a store is
/// either converted whole or left as it was, and a second process starting at the same time finds nothing to do.
/// </summary>
internal static class LegacyRowFacts
{
    public const string TableName = "LegacyCostFacts";

    /// <summary>Converts the legacy rows, if any; returns how many facts were moved.</summary>
    public static long Convert(SqliteConnection connection)
    {
        // Looked for first without the write lock: an import in another process may hold it for its whole run.
        if (!Exists(connection, null))
        {
            return 0;
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        if (!Exists(connection, transaction))
        {
            return 0;
        }

        long moved = 0;
        using (var rows = new RawStatement(
            connection,
            "SELECT SliceId, ChargeDate, BillingAccountNameRef, SubAccountIdRef, SubAccountNameRef, ServiceRef, ServiceCategoryRef, " +
            "RegionRef, ResourceIdRef, ResourceNameRef, ResourceTypeRef, ChargeCategoryRef, PricingCategoryRef, CommitmentDiscountIdRef, " +
            $"TagSetId, CurrencyRef, CommitmentDiscountStatusRef, BilledCost, EffectiveCost, ListCost, ContractedCost, RowCount FROM {TableName} ORDER BY SliceId"))
        using (var writer = new FactSegmentWriter(connection))
        {
            var segment = new FactSegment(FactSegmentWriter.MaxFacts);
            var slice = 0;
            while (rows.Step())
            {
                var rowSlice = rows.Int32(0);
                if (segment.Count > 0 && (rowSlice != slice || segment.Count == FactSegmentWriter.MaxFacts))
                {
                    writer.Write(slice, segment);
                    moved += segment.Count;
                    segment.Reset(FactSegmentWriter.MaxFacts);
                }

                slice = rowSlice;
                var i = segment.Count;
                for (var c = 0; c < FactSegment.IdColumnCount; c++)
                {
                    segment.Ids[c][i] = rows.RefOrZero(1 + c);
                }

                for (var c = 0; c < FactSegment.AmountColumnCount; c++)
                {
                    segment.Amounts[c][i] = rows.Decimal(1 + FactSegment.IdColumnCount + c);
                }

                segment.Rows[i] = rows.Int64(1 + FactSegment.IdColumnCount + FactSegment.AmountColumnCount);
                segment.Count = i + 1;
            }

            if (segment.Count > 0)
            {
                writer.Write(slice, segment);
                moved += segment.Count;
            }
        }

        using (var drop = connection.CreateCommand())
        {
            drop.Transaction = transaction;
            drop.CommandText = $"DROP TABLE {TableName}";
            drop.ExecuteNonQuery();
        }

        transaction.Commit();
        return moved;
    }

    private static bool Exists(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var exists = connection.CreateCommand();
        exists.Transaction = transaction;
        exists.CommandText = $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{TableName}'";
        return System.Convert.ToInt64(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }
}
