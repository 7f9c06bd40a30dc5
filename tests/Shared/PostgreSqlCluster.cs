using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace FinOps.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests: <c>initdb</c> in a temp folder, its own free port on 127.0.0.1, the unix
/// socket in that folder, a password generated per run; one per test process (<see cref="Shared"/>), stopped and deleted when
/// the process exits. Each test gets a fresh database (<see cref="CreateDatabase"/>). Missing binaries fail the test naming
/// the Debian package to install; such a test is never skipped.
/// </summary>
/// <remarks>PostgreSQL refuses to run as root: as root the server runs as the <c>postgres</c> user (runuser), as CI does.</remarks>
public sealed class PostgreSqlCluster : IDisposable
{
    public const string User = "finops";

    private static readonly Lazy<PostgreSqlCluster> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _binaries;
    private readonly string? _runAs;
    private int _stopped;

    private PostgreSqlCluster(string binaries, string? runAs)
    {
        _binaries = binaries;
        _runAs = runAs;
        Folder = Path.Combine(Path.GetTempPath(), "finops-pg", Guid.NewGuid().ToString("N")[..12]);
        DataFolder = Path.Combine(Folder, "data");
        SocketFolder = Path.Combine(Folder, "socket");
        Password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Port = FreePort();
    }

    /// <summary>The cluster of this test process, started on first use.</summary>
    public static PostgreSqlCluster Shared => Instance.Value;

    public string Folder { get; }

    public string DataFolder { get; }

    public string SocketFolder { get; }

    public int Port { get; }

    /// <summary>The password of <see cref="User"/>, generated for this run (the server asks for it: scram-sha-256).</summary>
    public string Password { get; }

    /// <summary>The connection string of database <paramref name="database"/> over TCP on 127.0.0.1.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = User,
        Password = Password,
        Database = database,
        // Tests drop their databases: pooled connections would keep them busy.
        Pooling = false,
    }.ConnectionString;

    /// <summary>
    /// Creates a database with a fresh name and returns its connection string: empty, or a copy of <paramref name="template"/>
    /// (a database made here, e.g. migrated once, so that each test need not migrate its own; nobody may be connected to it).
    /// </summary>
    public string CreateDatabase(string? template = null)
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        var copy = template is null ? string.Empty : $" TEMPLATE \"{new NpgsqlConnectionStringBuilder(template).Database}\"";
        Admin($"CREATE DATABASE \"{name}\"{copy}");
        return ConnectionString(name);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>, closing whatever connections still use it.</summary>
    public void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        Admin($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            Run("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"], TimeSpan.FromSeconds(30), throwOnFailure: false);
        }
        finally
        {
            DeleteFolder();
        }
    }

    /// <summary>
    /// Deletes the folders of earlier runs' clusters that are stopped (no postmaster.pid) and older than ten minutes: the test
    /// host may be ended right after its exit handler stopped the server, before the folder was deleted.
    /// </summary>
    private static void RemoveStoppedClusters()
    {
        var root = Path.Combine(Path.GetTempPath(), "finops-pg");
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var folder in Directory.GetDirectories(root))
        {
            // Running (postmaster.pid), or perhaps being set up by another test process right now (young): left alone.
            var data = Path.Combine(folder, "data");
            var age = TimeProvider.System.GetUtcNow().UtcDateTime - Directory.GetLastWriteTimeUtc(folder);
            if (File.Exists(Path.Combine(data, "postmaster.pid")) || age < TimeSpan.FromMinutes(10))
            {
                continue;
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another test process may be creating it right now; it is cleaned up next time.
            }
        }
    }

    private void DeleteFolder()
    {
        for (var attempt = 0; attempt < 10 && Directory.Exists(Folder); attempt++)
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The server's last processes may still be closing files for a moment after pg_ctl returns.
                Thread.Sleep(100);
            }
        }
    }

    private static PostgreSqlCluster Start()
    {
        RemoveStoppedClusters();
        var binaries = FindBinaries();
        var runAs = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root" ? "postgres" : null;
        var cluster = new PostgreSqlCluster(binaries, runAs);
        try
        {
            cluster.InitAndStart();
        }
        catch
        {
            cluster.Dispose();
            throw;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
        return cluster;
    }

    private void InitAndStart()
    {
        Directory.CreateDirectory(SocketFolder);
        var passwordFile = Path.Combine(Folder, "password");
        File.WriteAllText(passwordFile, Password);
        if (_runAs is not null)
        {
            Run("chown", ["-R", $"{_runAs}:{_runAs}", Folder], TimeSpan.FromSeconds(30), throwOnFailure: true, asServer: false);
        }

        Run(
            "initdb",
            ["-D", DataFolder, "-U", User, "--pwfile", passwordFile, "--auth", "scram-sha-256", "-E", "UTF8", "--locale", "C", "--no-sync", "--no-instructions"],
            TimeSpan.FromSeconds(120),
            throwOnFailure: true);
        File.Delete(passwordFile);

        // Durability off: a test database is thrown away, and fsyncs on a shared 2-core machine cost seconds.
        var serverOptions = string.Create(
            CultureInfo.InvariantCulture,
            $"-p {Port} -k {SocketFolder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
        Run("pg_ctl", ["-D", DataFolder, "-o", serverOptions, "-l", Path.Combine(Folder, "server.log"), "-w", "-t", "60", "start"], TimeSpan.FromSeconds(90), throwOnFailure: true);
    }

    private void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void Run(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, bool throwOnFailure, bool asServer = true)
    {
        var path = tool is "initdb" or "pg_ctl" ? Path.Combine(_binaries, tool) : tool;
        ProcessStartInfo start;
        if (asServer && _runAs is not null)
        {
            start = new ProcessStartInfo("runuser") { ArgumentList = { "-u", _runAs, "--", path } };
        }
        else
        {
            start = new ProcessStartInfo(path);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = Folder;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within {timeout.TotalSeconds:0} s.");
        }

        if (process.ExitCode != 0 && throwOnFailure)
        {
            var log = Path.Combine(Folder, "server.log");
            var serverLog = File.Exists(log) ? File.ReadAllText(log) : string.Empty;
            throw new InvalidOperationException(
                $"{tool} {string.Join(' ', arguments)} exited with code {process.ExitCode}: {output.Result}{error.Result}{serverLog}");
        }
    }

    /// <summary>The folder of initdb and pg_ctl: on PATH, else the newest /usr/lib/postgresql/*/bin (where Debian puts them).</summary>
    private static string FindBinaries()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")))
            {
                return folder;
            }
        }

        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            var newest = Directory.GetDirectories(debian)
                .Select(d => (Folder: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Folder, "initdb")))
                .OrderByDescending(d => d.Version)
                .FirstOrDefault();
            if (newest.Folder is not null)
            {
                return newest.Folder;
            }
        }

        throw new InvalidOperationException(
            "PostgreSQL is not installed: initdb and pg_ctl were found neither on PATH nor under /usr/lib/postgresql/*/bin. " +
            "Install the Debian package 'postgresql' (apt-get install postgresql), or run .ci/run, before the PostgreSQL tests.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
