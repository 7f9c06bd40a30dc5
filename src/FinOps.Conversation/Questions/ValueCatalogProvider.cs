using FinOps.Core.Calendar;
using FinOps.Core.Query;
using Microsoft.Extensions.Options;

namespace FinOps.Conversation.Questions;

/// <summary>Reads the dimension values from the store and reuses the catalog and its parser for a few minutes.</summary>
public sealed class ValueCatalogProvider : IValueCatalogProvider, IDisposable
{
    private readonly ICostQueryService _queries;
    private readonly CostCalendar _calendar;
    private readonly TimeProvider _time;
    private readonly ConversationOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Loaded? _current;

    public ValueCatalogProvider(ICostQueryService queries, CostCalendar calendar, TimeProvider time, IOptions<ConversationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _queries = queries ?? throw new ArgumentNullException(nameof(queries));
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options.Value;
    }

    public async Task<QuestionParser> GetParserAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && !Expired(current))
        {
            return current.Parser;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            if (current is null || Expired(current))
            {
                var catalog = await ValueCatalog.LoadAsync(_queries, _options.EffectiveTagKeys, cancellationToken);
                current = new Loaded(new QuestionParser(catalog, _calendar), _time.GetUtcNow());
                Volatile.Write(ref _current, current);
            }

            return current.Parser;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private bool Expired(Loaded loaded) => _time.GetUtcNow() - loaded.At >= TimeSpan.FromMinutes(Math.Max(0, _options.CatalogRefreshMinutes));

    private sealed record Loaded(QuestionParser Parser, DateTimeOffset At);
}
