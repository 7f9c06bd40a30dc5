using System.Globalization;
using Npgsql;

namespace FinOps.Storage.PostgreSql;

/// <summary>Checks and describes <see cref="StorageOptions.ConnectionString"/> without ever showing its password.</summary>
public static class PostgreSqlConnection
{
    /// <summary>What is wrong with the connection string, naming the setting but not echoing it (it holds a password); null when usable.</summary>
    public static string? Problem(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "Storage:ConnectionString must be set when Storage:Provider is PostgreSql (e.g. Host=db;Database=finops;Username=finops, " +
                "with the password from the environment: Storage__ConnectionString).";
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            // Npgsql's message names the keyword, not the value: safe to pass on.
            return $"Storage:ConnectionString is not a valid PostgreSQL connection string: {e.Message}";
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            return "Storage:ConnectionString must name the server (Host=...).";
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            return "Storage:ConnectionString must name the database (Database=...).";
        }

        return null;
    }

    /// <summary>Server, port, database and user of a connection string, for messages and logs (never the password).</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.Create(
                CultureInfo.InvariantCulture,
                $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port} as '{builder.Username ?? "(default user)"}'");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            return "PostgreSQL database (connection string not readable)";
        }
    }
}
