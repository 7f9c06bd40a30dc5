namespace FinOps.Demo;

/// <summary>The fictitious company behind the demo data: teams, owners, channels, environments and accounts.</summary>
/// <remarks>
/// Everything is a constant, so the demo data, allocation rules and the playground users agree.
/// Tags in the demo data are deliberately messy: the team tag key is one of <see cref="TeamTagKeyVariants"/>
/// and its value one of <see cref="DemoTeam.TagValueVariants"/>; the environment key is <c>env</c> or
/// <c>Environment</c>. Hierarchy: an account with a <see cref="DemoAccount.TeamKey"/> belongs to that team;
/// shared accounts hold rows tagged by team (staging, dev) or a <see cref="SharedCostPools"/> pool.
/// One Azure billing account (<see cref="EuroBillingAccountId"/>) bills in EUR; all others bill in USD.
/// </remarks>
public sealed class DemoOrganization
{
    private DemoOrganization()
    {
        Teams =
        [
            Team("payments", "Payments", "CC-1010", "C05PAYMENTS", ("Priya Raman", "priya.raman"), ("Marcus Webb", "marcus.webb")),
            Team("checkout", "Checkout", "CC-1020", "C05CHECKOUT", ("Sofia Alvarez", "sofia.alvarez")),
            Team("search", "Search", "CC-1030", "C05SEARCH01", ("Daniel Okafor", "daniel.okafor")),
            Team("platform", "Platform", "CC-1000", "C05PLATFORM", ("Hannah Keller", "hannah.keller"), ("Tom Brennan", "tom.brennan")),
            Team("data", "Data", "CC-1040", "C05DATA0001", ("Aisha Khan", "aisha.khan")),
            Team("ml", "Machine Learning", "CC-1050", "C05ML000001", ("Kenji Sato", "kenji.sato")),
            Team("identity", "Identity", "CC-1060", "C05IDENTITY", ("Lena Novak", "lena.novak")),
            Team("mobile", "Mobile", "CC-1070", "C05MOBILE01", ("Carlos Mendes", "carlos.mendes")),
            Team("growth", "Growth", "CC-1080", "C05GROWTH01", ("Emma Laurent", "emma.laurent")),
        ];

        Accounts =
        [
            Aws("204816379521", "payments-prod", "payments", "prod"),
            Aws("315927480632", "checkout-prod", "checkout", "prod"),
            Aws("426038591743", "search-prod", "search", "prod"),
            Aws("537149602854", "identity-prod", "identity", "prod"),
            Aws("648250713965", "data-prod", "data", "prod"),
            Aws("759361824076", "ml-prod", "ml", "prod"),
            Aws("860472935187", "mobile-prod", "mobile", "prod"),
            Aws("971583046298", "platform-prod", "platform", "prod"),
            Aws(AwsSharedServicesAccountId, "shared-services", null, "prod"),
            Aws("193705268410", "workloads-staging", null, "staging"),
            Aws("284816379532", "workloads-dev", null, "dev"),
            Azure("6c1f2e3d-4b5a-4c7d-8e9f-0a1b2c3d4e51", "identity-prod", "identity", "prod"),
            Azure("7d2a3b4c-5d6e-4f70-8192-a3b4c5d6e762", "search-prod", "search", "prod"),
            Azure("8e3b4c5d-6e7f-4081-92a3-b4c5d6e7f873", "growth-prod", "growth", "prod"),
            Azure(AzureHubSubscriptionId, "platform-hub", null, "prod"),
            Azure("a051d6e7-f809-42a3-b4c5-d6e7f8091a95", "nonprod", null, "staging"),
            new("Microsoft", EuroBillingAccountId, "Acme Commerce GmbH", "b162e7f8-091a-43b4-c5d6-e7f8091a2ba6",
                "growth-eu-prod", "Subscription", "growth", "prod", "EUR"),
            Gcp("acme-data-prod", "data", "prod"),
            Gcp("acme-data-staging", "data", "staging"),
            Gcp("acme-ml-prod", "ml", "prod"),
            Gcp("acme-ml-sandbox", "ml", "dev"),
            Gcp("acme-mobile-prod", "mobile", "prod"),
            new("Oracle", OracleTenancyId, "acme-commerce", OracleLedgerCompartmentId,
                "payments-ledger", "Compartment", "payments", "prod", "USD"),
        ];

        var productTeams = Teams.Where(t => t.Key != "platform").Select(t => t.Key).ToArray();
        SharedCostPools =
        [
            new("aws-shared-services", "AWS shared networking and security (NAT, Transit Gateway, Route 53, GuardDuty), split by each team's direct cost",
                "AWS", AwsSharedServicesAccountId, null, DemoSplitMethod.Proportional, Teams.Select(t => t.Key).ToArray(),
                new Dictionary<string, decimal>()),
            new("azure-platform-hub", "Azure connectivity hub (firewall, peering, monitoring), fixed shares of the Azure users",
                "Microsoft", AzureHubSubscriptionId, null, DemoSplitMethod.Fixed, ["platform", "identity", "search", "growth"],
                new Dictionary<string, decimal>(StringComparer.Ordinal) { ["platform"] = 40m, ["identity"] = 25m, ["search"] = 20m, ["growth"] = 15m }),
            new("aws-unused-savings-plan", "Unused AWS Compute Savings Plan commitment, split evenly across product teams",
                "AWS", AwsSharedServicesAccountId, "Unused", DemoSplitMethod.Even, productTeams, new Dictionary<string, decimal>()),
        ];
    }

    /// <summary>The one demo organisation.</summary>
    public static DemoOrganization Default { get; } = new();

    public const string CompanyName = "Acme Commerce";

    public const string AwsBillingAccountId = "481516234200";

    public const string AwsSharedServicesAccountId = "395027481653";

    public const string AzureBillingAccountId = "5e1f8a2c-3b4d-4e6f-9a0b-1c2d3e4f5a6b:7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f_2019-05-31";

    public const string AzureHubSubscriptionId = "9f4c5d6e-7f80-4192-a3b4-c5d6e7f80984";

    public const string EuroBillingAccountId = "2b7e1516-28ae-4d2a-abf7-158809cf4f3c:09cf4f3c-2b7e-4151-628a-ed2aabf71588_2021-02-01";

    public const string GcpBillingAccountId = "01A2B3-C4D5E6-F7A8B9";

    public const string OracleTenancyId = "ocid1.tenancy.oc1..aaaaaaaa7x2kq5rwl3mfc4ojz6xhtqp2nd5v3wyb6sa4ie7gu2lfk9cmh3ra";

    public const string OracleLedgerCompartmentId = "ocid1.compartment.oc1..aaaaaaaa4pqz7wc2lhn3xk5tv6rj8sm2yd9bfa1ue3gi4ko6wm7nq2cx5lt";

    /// <summary>Tag keys the demo data uses to name a team (the first is the canonical one).</summary>
    public static IReadOnlyList<string> TeamTagKeyVariants { get; } = ["team", "Team", " team", "owner-team"];

    /// <summary>Tag keys the demo data uses to name an environment (the first is the canonical one).</summary>
    public static IReadOnlyList<string> EnvironmentTagKeyVariants { get; } = ["env", "Environment"];

    public IReadOnlyList<string> Environments { get; } = ["prod", "staging", "dev"];

    /// <summary>The FinOps lead: owns no team, sees everything, approves budget changes in the demo.</summary>
    public DemoOwner FinOpsLead { get; } = new(
        "Grace Adeyemi", "grace.adeyemi@acme-commerce.example", "U0FINOPSLD1", new Guid("f1a0c5e2-7b3d-4e9a-8c6f-0d2e4b6a8c01"));

    public IReadOnlyList<DemoTeam> Teams { get; }

    public IReadOnlyList<DemoAccount> Accounts { get; }

    public IReadOnlyList<DemoSharedCostPool> SharedCostPools { get; }

    public IReadOnlyList<string> Providers { get; } = ["AWS", "Microsoft", "Google Cloud", "Oracle"];

    /// <summary>The team with this key, or null.</summary>
    public DemoTeam? FindTeam(string key) => Teams.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.Ordinal));

    /// <summary>The account with this sub-account id, or null.</summary>
    public DemoAccount? FindAccount(string subAccountId) =>
        Accounts.FirstOrDefault(a => string.Equals(a.SubAccountId, subAccountId, StringComparison.Ordinal));

    private static DemoTeam Team(string key, string displayName, string costCenter, string slackChannelId, params (string Name, string Login)[] owners)
    {
        var ownerList = owners.Select((o, i) => new DemoOwner(
            o.Name,
            o.Login + "@acme-commerce.example",
            "U0" + key.ToUpperInvariant().PadRight(8, 'X')[..8] + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            OwnerObjectId(key, i))).ToArray();
        var variants = new[] { key, displayName, key + "-team" }.Distinct(StringComparer.Ordinal).ToArray();
        return new DemoTeam(key, displayName, ownerList, slackChannelId, "cost-" + key, "Cost - " + displayName, costCenter, variants);
    }

    // A fixed, readable GUID per owner: the team key's letters fill the first group so ids stay stable and unique.
    private static Guid OwnerObjectId(string key, int index)
    {
        var bytes = new byte[16];
        for (var i = 0; i < key.Length && i < 12; i++)
        {
            bytes[i] = (byte)key[i];
        }

        bytes[14] = 0x0E;
        bytes[15] = (byte)(index + 1);
        return new Guid(bytes);
    }

    private static DemoAccount Aws(string id, string name, string? team, string environment) =>
        new("AWS", AwsBillingAccountId, "Acme Commerce AWS Organization", id, name, "AWS Account", team, environment, "USD");

    private static DemoAccount Azure(string id, string name, string? team, string environment) =>
        new("Microsoft", AzureBillingAccountId, "Acme Commerce Inc.", id, name, "Subscription", team, environment, "USD");

    private static DemoAccount Gcp(string project, string team, string environment) =>
        new("Google Cloud", GcpBillingAccountId, "Acme Commerce GCP", project, project, "Project", team, environment, "USD");
}
