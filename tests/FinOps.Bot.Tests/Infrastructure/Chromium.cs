using Microsoft.Playwright;

namespace FinOps.Bot.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright; no browser is downloaded (CI installs the <c>chromium</c> package).</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(
            File.Exists(ExecutablePath),
            $"The browser tests need Chromium at {ExecutablePath} (Debian: apt-get install chromium). Playwright's own browser download is not used.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }

    /// <summary>Where screenshots go: TestResults/screenshots under the test output folder.</summary>
    public static string ScreenshotDirectory
    {
        get
        {
            var directory = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }
}
