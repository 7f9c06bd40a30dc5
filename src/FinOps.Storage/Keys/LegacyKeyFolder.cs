using FinOps.Storage.Data;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Storage.Keys;

/// <summary>The folder where ASP.NET Core Data Protection kept its keys before they moved into the store, and the one-time copy from it.</summary>
public static class LegacyKeyFolder
{
    /// <summary>ASP.NET Core's default key folder for the user running the bot: %LOCALAPPDATA%\ASP.NET\DataProtection-Keys, or ~/.aspnet/DataProtection-Keys.</summary>
    public static string? Default()
    {
        if (OperatingSystem.IsWindows())
        {
            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return string.IsNullOrEmpty(local) ? null : Path.Combine(local, "ASP.NET", "DataProtection-Keys");
        }

        var home = Environment.GetEnvironmentVariable("HOME");
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".aspnet", "DataProtection-Keys");
    }

    /// <summary>
    /// Copies the folder's key files (<c>key-*.xml</c>) into the store when the store holds no key yet; the number copied.
    /// The files stay where they are (an older version rolled back still finds them).
    /// </summary>
    public static async Task<int> ImportOnceAsync(CostDatabase database, string? folder, CancellationToken cancellationToken)
    {
        if (folder is null || !Directory.Exists(folder))
        {
            return 0;
        }

        var files = Directory.GetFiles(folder, "key-*.xml").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            return 0;
        }

        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        // Replicas starting together: one copies, the others then see its keys and copy nothing.
        await WriteLocks.TakeAsync(context, "data-protection-keys:import", cancellationToken);
        if (await context.DataProtectionKeys.AnyAsync(cancellationToken))
        {
            return 0;
        }

        foreach (var file in files)
        {
            context.DataProtectionKeys.Add(new DataProtectionKeyEntity
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = await File.ReadAllTextAsync(file, cancellationToken),
            });
        }

        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return files.Count;
    }
}
