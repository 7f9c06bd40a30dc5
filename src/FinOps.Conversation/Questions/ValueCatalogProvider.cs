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
    private QuestionParser? _parser;
    private DateTimeOffset _loadedAt;

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
        var current = _parser;
        if (current is not null && !Expired())
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_parser is null || Expired())
            {
                var catalog = await ValueCatalog.LoadAsync(_queries, _options.TagKeys, cancellationToken);
                _parser = new QuestionParser(catalog, _calendar);
                _loadedAt = _time.GetUtcNow();
            }

            return _parser;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private bool Expired() => _time.GetUtcNow() - _loadedAt >= TimeSpan.FromMinutes(Math.Max(0, _options.CatalogRefreshMinutes));
}
