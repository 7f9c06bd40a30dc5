using FinOps.Bot.Playground;
using FinOps.Bot.Tests.Infrastructure;
using FinOps.Conversation.Cards;
using FinOps.Core.Query;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FinOps.Bot.Tests;

/// <summary>The playground in a real browser against the real host on a real port.</summary>
public sealed class PlaygroundBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Playground_AskClickAndToggleViews_ShowsRightNumbersAndUpdatesInPlace()
    {
        await using var factory = new BotFactory();
        var baseAddress = factory.StartOnLoopbackPort();
        await factory.WaitUntilReadyAsync();
        var lastMonth = Expected.Usd(await Expected.SumGeneratedCsvAsync(factory, Expected.LastMonth));
        var checkoutLastWeek = Expected.Usd(await Expected.QueryTotalAsync(factory.Services, Expected.LastWeek, (Dimension.Team, "checkout")));

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1100, Height = 900 } });
        page.SetDefaultTimeout(15_000);
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add($"{message.Text} ({message.Location})");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                consoleErrors.Add($"{response.Status} {response.Url}");
            }
        };

        try
        {
            await page.GotoAsync(new Uri(baseAddress, "playground/").AbsoluteUri);
            await Expect(page.Locator("#user option")).Not.ToHaveCountAsync(0);
            await page.SelectOptionAsync("#user", PlaygroundClient.FinOpsLead);
            await Screenshot(page, "01-empty");

            // A typed question: the answer card shows the total of the generated data.
            await page.FillAsync("#text", "total cost last month");
            await page.PressAsync("#text", "Enter");
            var firstAnswer = page.Locator(".msg.bot").Nth(0);
            await Expect(firstAnswer.Locator(".card-key-value")).ToHaveTextAsync(lastMonth);
            await Expect(page.Locator(".msg.me").Nth(0)).ToHaveTextAsync("total cost last month");

            // A button: the help card's question turns into the answer in the same message.
            await page.FillAsync("#text", "help");
            await page.PressAsync("#text", "Enter");
            var help = page.Locator(".msg.bot").Nth(1);
            await Expect(help.Locator(".card-help")).ToBeVisibleAsync();
            var helpId = await help.GetAttributeAsync("data-message-id");
            await Screenshot(page, "02-help");
            await help.GetByRole(AriaRole.Button, new() { Name = "How much did checkout spend last week?" }).ClickAsync();
            await Expect(help.Locator(".card-key-value")).ToHaveTextAsync(checkoutLastWeek);
            await Expect(page.Locator(".msg.bot")).ToHaveCountAsync(2);
            Assert.Equal(helpId, await help.GetAttributeAsync("data-message-id"));
            await Expect(help.Locator(".card-help")).ToHaveCountAsync(0);
            await Expect(help.Locator(".meta")).ToContainTextAsync("updated after you clicked");
            await Screenshot(page, "03-clicked");

            // The same messages as Teams and Slack would receive them.
            await page.SelectOptionAsync("#view", "teams");
            await Expect(firstAnswer.Locator("pre")).ToContainTextAsync("\"type\": \"AdaptiveCard\"");
            await Expect(firstAnswer.Locator("pre")).ToContainTextAsync(lastMonth);
            await Expect(firstAnswer.Locator(".json-bar")).ToContainTextAsync("Adaptive Card sent to Teams");
            await Screenshot(page, "04-teams-json");
            await page.SelectOptionAsync("#view", "slack");
            await Expect(firstAnswer.Locator("pre")).ToContainTextAsync("\"blocks\"");
            await Expect(firstAnswer.Locator("pre")).ToContainTextAsync(lastMonth);
            await Screenshot(page, "05-slack-json");
            await page.SelectOptionAsync("#view", "card");
            await Expect(firstAnswer.Locator(".card-key-value")).ToHaveTextAsync(lastMonth);

            // An example chip asks its question; a breakdown shows as a table whose total is the same month's total.
            await page.GetByRole(AriaRole.Button, new() { Name = "cost by team last month", Exact = true }).ClickAsync();
            var breakdown = page.Locator(".msg.bot").Nth(2);
            await Expect(breakdown.Locator("tfoot td").First).ToHaveTextAsync(lastMonth);
            await Screenshot(page, "06-answers");

            // A proactive message (a digest, an alert) sent to the playground appears live, once.
            var hub = factory.Services.GetRequiredService<PlaygroundHub>();
            while (hub.SubscriberCount == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10));
            }

            var sender = factory.Services.GetRequiredService<PlaygroundProactiveSender>();
            var digest = new Card("digest", "Weekly digest: spend is $1,234.00", [new TextBlock("Weekly digest: spend is $1,234.00")]);
            var address = new ConversationAddress(PlaygroundAddresses.Channel, PlaygroundClient.FinOpsLead);
            await sender.SendAsync(address, digest, "browser-digest", CancellationToken.None);
            await sender.SendAsync(address, digest, "browser-digest", CancellationToken.None);
            var proactive = page.Locator(".msg.bot.proactive");
            await Expect(proactive).ToHaveCountAsync(1);
            await Expect(proactive).ToContainTextAsync("Weekly digest: spend is $1,234.00");
            await Expect(proactive.Locator(".meta")).ToContainTextAsync("Sent by the bot");
            await Screenshot(page, "07-proactive");
        }
        catch
        {
            // What the page looked like when the test gave up.
            await Screenshot(page, "failure");
            throw;
        }

        Assert.True(consoleErrors.Count == 0, "The page logged errors: " + string.Join("; ", consoleErrors));
    }

    private async Task Screenshot(IPage page, string name)
    {
        var path = Path.Combine(Chromium.ScreenshotDirectory, $"playground-{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = false });
        output.WriteLine("Screenshot: " + path);
    }
}
