using System.Data.Common;
using FinOps.Core.Anomalies;
using FinOps.Storage.Anomalies;

namespace FinOps.Storage.Tests.Anomalies;

/// <remarks>On SQLite; <see cref="PostgreSql.AnomalyFeedbackStorePostgreSqlTests"/> runs the same tests on PostgreSQL.</remarks>
public class SqliteAnomalyFeedbackStoreTests
{
    private readonly StorageProvider _provider;

    public SqliteAnomalyFeedbackStoreTests()
        : this(StorageProvider.Sqlite)
    {
    }

    protected SqliteAnomalyFeedbackStoreTests(StorageProvider provider) => _provider = provider;

    private static readonly DateTimeOffset At = new(2026, 11, 21, 9, 15, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("UPDATE \"AnomalyFeedback\" SET \"ActorName\" = 'Someone Else'", "cannot be updated")]
    [InlineData("UPDATE \"AnomalyFeedback\" SET \"MutedUntil\" = NULL", "cannot be updated")]
    [InlineData("DELETE FROM \"AnomalyFeedback\"", "cannot be deleted")]
    public async Task AnomalyFeedback_RawUpdateOrDelete_Refused(string sql, string message)
    {
        using var db = new TestDatabase(provider: _provider);
        var store = new SqliteAnomalyFeedbackStore(db.Database);
        await store.TryAppendAsync(Feedback(AnomalyFeedbackKind.Mute), CancellationToken.None);
        await store.TryAppendAsync(Feedback(AnomalyFeedbackKind.Expected), CancellationToken.None);
        var before = await store.ListAsync(null, CancellationToken.None);

        var error = await Assert.ThrowsAnyAsync<DbException>(() => db.ExecuteAsync(sql));

        Assert.Contains("AnomalyFeedback is append-only: entries " + message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await store.ListAsync(null, CancellationToken.None));
        Assert.Equal(2, before.Count);
    }

    [Fact]
    public async Task TryAppendAsync_DoubleClick_RecordedOnceWithWhoAndWhen()
    {
        using var db = new TestDatabase(provider: _provider);
        var store = new SqliteAnomalyFeedbackStore(db.Database);

        var first = await store.TryAppendAsync(Feedback(AnomalyFeedbackKind.Mute), CancellationToken.None);
        var second = await store.TryAppendAsync(Feedback(AnomalyFeedbackKind.Mute) with { ActorName = "Mia Member", At = At.AddSeconds(1) }, CancellationToken.None);
        var other = await store.TryAppendAsync(Feedback(AnomalyFeedbackKind.Investigating), CancellationToken.None);

        Assert.True(first.Added);
        Assert.False(second.Added);
        Assert.True(other.Added);
        var stored = await store.ListAsync("an-0123456789ab", CancellationToken.None);
        Assert.Equal([AnomalyFeedbackKind.Mute, AnomalyFeedbackKind.Investigating], stored.Select(f => f.Kind));
        var mute = stored[0];
        Assert.Equal(Feedback(AnomalyFeedbackKind.Mute) with { Sequence = mute.Sequence }, mute);
        Assert.Equal(mute, second.Entry);
        Assert.Empty(await store.ListAsync("an-other", CancellationToken.None));
    }

    private static AnomalyFeedback Feedback(AnomalyFeedbackKind kind) => new(
        0, "an-0123456789ab", kind, "payments", "EC2", "team=payments, service=EC2", "USD", AnomalyDirection.Down,
        new DateOnly(2026, 11, 20), -1234.56m, "pat@corp.example", "Pat Owner", At, "teams",
        kind == AnomalyFeedbackKind.Mute ? At + AnomalyFeedback.MuteDuration : null);
}
