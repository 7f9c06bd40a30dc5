using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FinOps.Bot.Playground;
using FinOps.Bot.Tests.Infrastructure;
using FinOps.Conversation.Approvals;
using FinOps.Conversation.Cards;
using FinOps.Core.Approvals;
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

    /// <summary>
    /// Two tabs as two people of the demo directory: Marcus (payments owner) asks for an increase, Priya (payments owner and
    /// approver) sees the request card arrive live, Daniel (search) is refused privately, Priya approves, and Marcus's tab
    /// shows the outcome live: his copy of the card updated in place and the bot's message telling him.
    /// </summary>
    [Fact]
    public async Task Playground_RequesterAndOwnerInTwoTabs_RequestCardAndOutcomeArriveLive()
    {
        const string Marcus = "U0PAYMENTS2";
        const string Priya = "U0PAYMENTS1";
        const string Daniel = "U0SEARCHXX1";
        await using var factory = new BotFactory();
        var baseAddress = factory.StartOnLoopbackPort();
        await factory.WaitUntilReadyAsync();
        var hub = factory.Services.GetRequiredService<PlaygroundHub>();
        var store = factory.Services.GetRequiredService<IApprovalStore>();

        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var errors = new List<string>();
        var requester = await OpenAsAsync(browser, baseAddress, Marcus, errors);
        var owner = await OpenAsAsync(browser, baseAddress, Priya, errors);
        try
        {
            // The hub keeps no backlog: both tabs must listen as their person before anything is sent.
            using (var listening = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
            {
                while (!hub.IsListening(Marcus) || !hub.IsListening(Priya))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(10), listening.Token);
                }
            }

            await requester.FillAsync("#text", "request +$2,000 for payments this month: launch traffic");
            await requester.PressAsync("#text", "Enter");
            await Expect(requester.Locator(".msg.bot:not(.proactive)")).ToContainTextAsync("Requested +2,000.00 USD for payments");

            // Priya's tab shows the request card without a reload, with the buttons.
            var card = owner.Locator(".msg.bot.proactive").Filter(new() { HasText = "Budget increase request: payments" });
            await Expect(card).ToHaveCountAsync(1);
            await Expect(card).ToContainTextAsync("launch traffic");
            await Expect(card).ToContainTextAsync("Marcus Webb");
            var approve = card.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true });
            await Expect(approve).ToBeVisibleAsync();
            await Screenshot(owner, "approval-01-owner-request");

            // Daniel (another team) clicks Approve on that card: only he is told, and nothing changes.
            var request = Assert.Single(await store.ListAsync(null, null, CancellationToken.None));
            using (var client = new HttpClient { BaseAddress = baseAddress })
            {
                var refusal = await PlaygroundClient.ReadJsonAsync(await PlaygroundClient.ClickAsync(
                    client, Daniel, (await card.GetAttributeAsync("data-message-id"))!, ApprovalCards.Approve,
                    JsonNode.Parse((await approve.GetAttributeAsync("data-payload"))!)!.AsObject()));
                Assert.Equal(ApprovalCards.PrivateKind, refusal["kind"]!.GetValue<string>());
                Assert.Contains("can't approve", refusal["fallbackText"]!.GetValue<string>(), StringComparison.Ordinal);
            }

            Assert.Equal(ApprovalStatus.Pending, (await store.FindAsync(request.Id, CancellationToken.None))!.Status);
            await Expect(approve).ToBeVisibleAsync();

            await approve.ClickAsync();
            await Expect(card).ToContainTextAsync("Approved by Priya Raman");
            await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true })).ToHaveCountAsync(0);
            await Screenshot(owner, "approval-02-owner-approved");

            // Marcus's tab, untouched since he asked: his copy updated in place, and the bot tells him the outcome.
            var outcome = "Approved by Priya Raman: +2,000.00 USD for payments until 2026-03-31.";
            var requesterCopy = requester.Locator(".msg.bot.proactive").Filter(new() { HasText = "Budget increase request: payments" });
            await Expect(requesterCopy).ToHaveCountAsync(1);
            await Expect(requesterCopy).ToContainTextAsync(outcome);
            await Expect(requesterCopy.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true })).ToHaveCountAsync(0);
            await Expect(requester.Locator(".msg.bot.proactive").Filter(new() { HasNotText = "Budget increase request" })).ToHaveTextAsync(new Regex(Regex.Escape(outcome)));
            await Screenshot(requester, "approval-03-requester-told");
            Assert.Equal(ApprovalStatus.Approved, (await store.FindAsync(request.Id, CancellationToken.None))!.Status);
        }
        catch
        {
            await Screenshot(requester, "approval-failure-requester");
            await Screenshot(owner, "approval-failure-owner");
            throw;
        }

        Assert.True(errors.Count == 0, "The pages logged errors: " + string.Join("; ", errors));
    }

    private static async Task<IPage> OpenAsAsync(IBrowser browser, Uri baseAddress, string user, List<string> errors)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1100, Height = 900 } });
        page.SetDefaultTimeout(15_000);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{user}: {message.Text} ({message.Location})");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                errors.Add($"{user}: {response.Status} {response.Url}");
            }
        };
        await page.GotoAsync(new Uri(baseAddress, "playground/").AbsoluteUri);
        await Expect(page.Locator("#user option")).Not.ToHaveCountAsync(0);
        await page.SelectOptionAsync("#user", user);
        return page;
    }

    private async Task Screenshot(IPage page, string name)
    {
        var path = Path.Combine(Chromium.ScreenshotDirectory, $"playground-{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = false });
        output.WriteLine("Screenshot: " + path);
    }
}
