using System.Xml.Linq;
using FinOps.Storage;
using FinOps.Storage.Data;
using FinOps.Storage.Keys;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace FinOps.Bot.Hosting;

/// <summary>
/// The Data Protection key ring in the store (table <c>DataProtectionKeys</c>, SQLite or PostgreSQL) through EF Core's
/// <see cref="EntityFrameworkCoreXmlRepository{TContext}"/>: every replica, and a new container, reads the same keys.
/// </summary>
/// <remarks>
/// Before the first read or write the store is migrated (the key ring loads inside synchronous Protect/Unprotect calls, so
/// this waits synchronously; only the first call does work) and, once, the keys an earlier version kept in the home folder
/// (<see cref="LegacyKeyFolder"/>) are copied in when the store has none, so Slack tokens stored before keep decrypting.
/// </remarks>
internal sealed partial class StoreXmlRepository : IXmlRepository
{
    private readonly CostDatabase _database;
    private readonly EntityFrameworkCoreXmlRepository<KeyRingDbContext> _inner;
    private readonly string? _legacyFolder;
    private readonly ILogger<StoreXmlRepository> _logger;
    private readonly Lock _preparing = new();
    private bool _ready;

    public StoreXmlRepository(CostDatabase database, IServiceProvider services, IOptions<StorageOptions> options, ILoggerFactory loggerFactory)
    {
        _database = database;
        _inner = new EntityFrameworkCoreXmlRepository<KeyRingDbContext>(services, loggerFactory);
        _legacyFolder = string.IsNullOrWhiteSpace(options.Value.LegacyKeysFolder) ? LegacyKeyFolder.Default() : options.Value.LegacyKeysFolder;
        _logger = loggerFactory.CreateLogger<StoreXmlRepository>();
    }

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsurePrepared();
        return _inner.GetAllElements();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        EnsurePrepared();
        _inner.StoreElement(element, friendlyName);
    }

    /// <summary>Once per process; a failure (the database not reachable yet) is thrown to this caller and tried again by the next.</summary>
    private void EnsurePrepared()
    {
        if (Volatile.Read(ref _ready))
        {
            return;
        }

        lock (_preparing)
        {
            if (_ready)
            {
                return;
            }

            _database.EnsureReadyAsync(CancellationToken.None).GetAwaiter().GetResult();
            var imported = LegacyKeyFolder.ImportOnceAsync(_database, _legacyFolder, CancellationToken.None).GetAwaiter().GetResult();
            if (imported > 0)
            {
                LogImported(_logger, imported, _legacyFolder!, _database.Description);
            }

            Volatile.Write(ref _ready, true);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Copied {Count} Data Protection key(s) from {Folder} into the store ({Store}); the store's copy is used from now on")]
    private static partial void LogImported(ILogger logger, int count, string folder, string store);
}
