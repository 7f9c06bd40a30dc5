using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using FinOps.Bot.Cli;
using FinOps.Bot.Tests.Infrastructure;

namespace FinOps.Bot.Tests;

/// <summary>
/// The executable's default verb, exactly as <c>dotnet run --project src/FinOps.Bot -- serve --urls ... --db ...</c> runs it
/// (the launch profile's Development environment included).
/// </summary>
[Collection(nameof(SerialHostTests))]
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_UrlsAndDbOptions_ListensThereSeedsThatFileAndAnswersInThePlayground()
    {
        var directory = Path.Combine(Path.GetTempPath(), "finops-serve-" + Guid.NewGuid().ToString("N"));
        var database = Path.Combine(directory, "nested", "costs.db");
        var url = $"http://127.0.0.1:{FreePort()}";
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var serving = BotCommandLine.Create()
            .Parse(["serve", "--urls", url, "--db", database, "--environment=Development", "--Demo:Rows=3000", "--Logging:LogLevel:Default=Warning"])
            .InvokeAsync(cancellationToken: stop.Token);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            await WaitUntilReadyAsync(client, serving, stop.Token);

            using var answer = await client.PostAsJsonAsync(new Uri("/playground/api/messages", UriKind.Relative), new { user = (string?)null, text = "total cost last month" }, stop.Token);
            var reply = JsonNode.Parse(await answer.Content.ReadAsStringAsync(stop.Token))!;

            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("answer", reply["kind"]!.GetValue<string>());
            Assert.Contains("card-key-value", reply["html"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.True(File.Exists(database), "--db names the SQLite file, creating its folder");
        }
        finally
        {
            await stop.CancelAsync();
            var exitCode = await serving.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            Assert.Equal(0, exitCode);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Polls /readyz (bounded by <paramref name="cancellationToken"/>); fails at once if the host stopped.</summary>
    private static async Task WaitUntilReadyAsync(HttpClient client, Task<int> serving, CancellationToken cancellationToken)
    {
        while (true)
        {
            Assert.False(serving.IsCompleted, "serve exited before it was ready");
            try
            {
                using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            }
            catch (HttpRequestException)
            {
                // Kestrel is not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
