using System.Collections.Frozen;
using FinOps.Core.Query;

namespace FinOps.Conversation.Questions;

/// <summary>
/// The question kinds of issue 13: averages and rates, shares, weekdays and weekends, exclusions, commitment savings,
/// generic service words, and words that would change the answer but cannot be applied (never dropped silently).
/// </summary>
public sealed partial class QuestionParser
{
    /// <summary>The FOCUS CommitmentDiscountStatus of commitment paid for and not used.</summary>
    public const string UnusedStatus = "Unused";

    private static readonly FrozenSet<string> NegationWords = FrozenSet.ToFrozenSet(
        ["except", "excluding", "exclude", "excludes", "excluded", "excl", "without", "non", "not", "besides", "minus", "but", "ex", "sans"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> AverageWords = FrozenSet.ToFrozenSet(["average", "avg", "averaged", "mean", "typical", "typically"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> ShareWords = FrozenSet.ToFrozenSet(
        ["share", "shares", "percentage", "percentages", "percent", "percents", "proportion", "fraction", "portion", "pct"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> CommitmentWords = FrozenSet.ToFrozenSet(
        ["commitment", "commitments", "committed", "reservation", "reservations", "reserved", "ri", "ris", "cud", "cuds", "sp", "sps", "plan", "plans", "instance", "instances",
         "discount", "discounts", "negotiated", "contract", "contracted", "rate", "rates", "use", "usage", "capacity", "pricing", "enterprise", "edp", "agreement"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> UnusedWords = FrozenSet.ToFrozenSet(
        ["unused", "wasted", "waste", "idle", "underused", "underutilized", "underutilised", "unutilized", "unutilised", "unconsumed"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> SavedWords = FrozenSet.ToFrozenSet(["savings", "saving", "saved", "save", "saves"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> PeriodWordsForWeekend = FrozenSet.ToFrozenSet(
        ["last", "this", "month", "months", "quarter", "year", "since", "in", "during", "ytd", "mtd", "qtd", "from", "between", "past"], StringComparer.Ordinal);

    /// <summary>Words that would change the answer and that no rule can apply: the answer asks back with what it can answer instead.</summary>
    private static readonly (string[] Words, string Reason, string[] Replacements)[] UnapplicableWords =
    [
        (["median"], "answers give totals, averages and shares, not medians", ["average", ""]),
        (["percentile"], "answers give totals, averages and shares, not percentiles", [""]),
        (["p50"], "answers give totals, averages and shares, not percentiles", [""]),
        (["p90"], "answers give totals, averages and shares, not percentiles", [""]),
        (["p95"], "answers give totals, averages and shares, not percentiles", [""]),
        (["p99"], "answers give totals, averages and shares, not percentiles", [""]),
        (["hourly"], "cost exports have one row per day, so there is no hourly figure", ["daily", ""]),
        (["per", "hour"], "cost exports have one row per day, so there is no hourly figure", ["per day", ""]),
        (["an", "hour"], "cost exports have one row per day, so there is no hourly figure", ["a day", ""]),
        (["by", "hour"], "cost exports have one row per day, so there is no hourly figure", ["by day", ""]),
        (["in", "euros"], "amounts are reported in their billing currency; currencies are never converted", [""]),
        (["in", "euro"], "amounts are reported in their billing currency; currencies are never converted", [""]),
        (["in", "eur"], "amounts are reported in their billing currency; currencies are never converted", [""]),
        (["in", "gbp"], "amounts are reported in their billing currency; currencies are never converted", [""]),
        (["in", "pounds"], "amounts are reported in their billing currency; currencies are never converted", [""]),
        (["in", "yen"], "amounts are reported in their billing currency; currencies are never converted", [""]),
        (["in", "rupees"], "amounts are reported in their billing currency; currencies are never converted", [""]),
        (["per", "employee"], "the cost data has no headcount", [""]),
        (["per", "head"], "the cost data has no headcount", [""]),
        (["per", "engineer"], "the cost data has no headcount", [""]),
        (["per", "developer"], "the cost data has no headcount", [""]),
        (["per", "user"], "the cost data has no user counts", [""]),
        (["per", "seat"], "the cost data has no user counts", [""]),
        (["per", "minute"], "cost exports have one row per day, so there is no figure per minute", ["per day", ""]),
    ];

    /// <summary>"non-production", "non-prod": the negation becomes a word of its own so the value after it can be matched.</summary>
    private static void SplitNegationPrefixes(List<Token> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var text = tokens[i].Text;
            if (text.Length > 4 && text.StartsWith("non-", StringComparison.Ordinal))
            {
                var rest = Tokenizer.Tokenize(text[4..]);
                tokens[i] = new Token("non", "non");
                tokens.InsertRange(i + 1, rest);
                i += rest.Count;
            }
        }
    }

    /// <summary>"on weekends", "weekday spend", "weekend vs weekday": days of the week, before "weekend" can be read as last weekend.</summary>
    private static void ScanDayKinds(ParseState s)
    {
        var weekends = false;
        var weekdays = false;
        for (var i = 0; i < s.Tokens.Count; i++)
        {
            var t = s.Tokens[i].Text;
            var length = 0;
            var isWeekend = false;
            if (t is "weekends" or "week-ends" or "saturdays" or "sundays")
            {
                (length, isWeekend) = (1, true);
            }
            else if (t == "weekend" && WeekendMeansDays(s, i))
            {
                (length, isWeekend) = (1, true);
            }
            else if (t is "weekdays" or "weekday" or "workdays" or "workday" or "weekday-only")
            {
                length = 1;
            }
            else if ((t is "business" or "working" or "work" || (t == "week" && s.Is(i + 1, "days"))) && s.IsStem(i + 1, "day") && (t != "week" || !s.Is(i - 1, "last")))
            {
                length = 2;
            }

            if (length == 0)
            {
                continue;
            }

            weekends |= isWeekend;
            weekdays |= !isWeekend;
            s.Consume(i, length);
            if (s.Is(i - 1, "on") || s.Is(i - 1, "during") || s.Is(i - 1, "over") || s.Is(i - 1, "at"))
            {
                s.Consume(i - 1, 1);
            }
        }

        if (weekends && weekdays)
        {
            s.Measure = QuestionMeasure.WeekdaysVsWeekends;
        }
        else if (weekends || weekdays)
        {
            s.Days = weekends ? DayFilter.Weekends : DayFilter.Weekdays;
        }
    }

    /// <summary>"weekend spend last month" is days of the week; "last weekend", "the weekend", "over the weekend" is a period.</summary>
    private static bool WeekendMeansDays(ParseState s, int i)
    {
        if (s.Is(i - 1, "last") || s.Is(i - 1, "this") || s.Is(i - 1, "the") || s.Is(i - 1, "next") || s.Is(i - 1, "past") || s.Is(i - 1, "previous"))
        {
            return false;
        }

        if (s.Is(i + 1, "vs") || s.Is(i + 1, "versus") || s.Is(i - 1, "vs") || s.Is(i - 1, "versus") || s.Is(i + 1, "and") || s.Is(i - 1, "and") || s.Is(i + 1, "or"))
        {
            return true;
        }

        // Another period in the question ("weekend spend last month"): the weekend is which days of it count.
        return s.Tokens.Where((_, k) => k != i).Any(t => PeriodWordsForWeekend.Contains(t.Text) || Vocabulary.Months.ContainsKey(t.Text));
    }

    /// <summary>Averages, burn rates, shares and savings: the figure asked for.</summary>
    private static void ScanMeasures(ParseState s)
    {
        for (var i = 0; i < s.Tokens.Count; i++)
        {
            if (s.Consumed[i])
            {
                continue;
            }

            var t = s.Tokens[i].Text;
            if (AverageWords.Contains(t) || (t == "burn" && s.Is(i + 1, "rate")) || t is "burnrate" or "burn-rate")
            {
                // "average daily spend", "monthly average", "daily burn rate", "avg spend per month".
                var monthly = false;
                var length = t == "burn" ? 2 : 1;
                s.Consume(i, length);
                if (s.Is(i - 1, "on") && t == "average")
                {
                    s.Consume(i - 1, 1);
                }

                for (var k = Math.Max(0, i - 4); k < Math.Min(s.Tokens.Count, i + length + 6); k++)
                {
                    if (UnitAverageAt(s, k, out var unitLength, out var isMonthly))
                    {
                        monthly = isMonthly;
                        s.Consume(k, unitLength);
                        break;
                    }
                }

                Set(s, monthly ? QuestionMeasure.AveragePerMonth : QuestionMeasure.AveragePerDay);
            }
            else if (ShareWords.Contains(t) && !(t == "share" && s.Is(i + 1, "the") && s.Is(i + 2, "answer")))
            {
                // "as a percentage", "what share of our spend is Azure", "percent of total".
                s.Consume(i, 1);
                if (s.Is(i - 1, "a") && s.Is(i - 2, "as"))
                {
                    s.Consume(i - 2, 2);
                }

                if (s.Is(i + 1, "of") && (s.Is(i + 2, "total") || s.Is(i + 2, "the")))
                {
                    s.Consume(i + 1, s.Is(i + 3, "total") ? 3 : 2);
                }

                Set(s, QuestionMeasure.Share);

                // "what % of our spend goes to GCP": the verb only links the share to its subject.
                for (var k = 0; k < s.Tokens.Count; k++)
                {
                    if (s.Tokens[k].Text is "goes" or "go" or "went" or "going" && s.Is(k + 1, "to"))
                    {
                        s.Consume(k, 2);
                    }
                }
            }
            else if (t is "esr" || (SavedWords.Contains(t) && s.Is(i + 1, "rate")))
            {
                s.Consume(i, t == "esr" ? 1 : 2);
                Set(s, QuestionMeasure.SavingsRate, force: true);
                ConsumeAround(s, i, CommitmentWords);
            }
            else if (UnusedWords.Contains(t) && NearAny(s, i, CommitmentWords, 3))
            {
                s.Consume(i, 1);
                Set(s, QuestionMeasure.UnusedCommitment, force: true);
                ConsumeAround(s, i, CommitmentWords);
            }
            else if (SavedWords.Contains(t) && !s.Is(i + 1, "plan") && !s.Is(i + 1, "plans"))
            {
                s.Consume(i, 1);
                if (s.Measure is not (QuestionMeasure.SavingsRate or QuestionMeasure.UnusedCommitment))
                {
                    Set(s, QuestionMeasure.Savings, force: true);
                }

                ConsumeAround(s, i, CommitmentWords);
            }
            else if (t is "utilization" or "utilisation" or "coverage" && NearAny(s, i, CommitmentWords, 3))
            {
                s.Unapplied.Add(new UnappliedWord(t, "the cost data holds commitment cost, not the usage hours that " + t + " is measured in", ["unused commitment cost", "commitment savings"]));
                s.Consume(i, 1);
                ConsumeAround(s, i, CommitmentWords);
            }
        }

        if (s.Measure is QuestionMeasure.Savings or QuestionMeasure.SavingsRate or QuestionMeasure.UnusedCommitment)
        {
            // "how much did savings plans save us": no commitment word may become a service filter that zeroes the savings.
            for (var i = 0; i < s.Tokens.Count; i++)
            {
                if (CommitmentWords.Contains(s.Tokens[i].Text) || SavedWords.Contains(s.Tokens[i].Text))
                {
                    s.Consume(i, 1);
                }
            }
        }
    }

    /// <summary>"daily", "per day", "a day", "each month", "monthly" next to an average.</summary>
    private static bool UnitAverageAt(ParseState s, int k, out int length, out bool monthly)
    {
        monthly = false;
        length = 0;
        var t = s.Tokens[k].Text;
        if (s.Consumed[k])
        {
            return false;
        }

        if (t is "daily" or "monthly" or "day" or "month")
        {
            length = 1;
            monthly = t is "monthly" or "month";
            return true;
        }

        if (t is "per" or "a" or "each" or "every" && (s.IsStem(k + 1, "day") || s.IsStem(k + 1, "month")))
        {
            length = 2;
            monthly = s.IsStem(k + 1, "month");
            return true;
        }

        return false;
    }

    private static void Set(ParseState s, QuestionMeasure measure, bool force = false)
    {
        if (force || s.Measure == QuestionMeasure.Amount)
        {
            s.Measure = measure;
        }
    }

    private static bool NearAny(ParseState s, int i, FrozenSet<string> words, int distance)
    {
        for (var k = Math.Max(0, i - distance); k <= Math.Min(s.Tokens.Count - 1, i + distance); k++)
        {
            if (k != i && words.Contains(s.Tokens[k].Text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Commitment words around a savings word ("savings from reserved instances") are its subject, never a service name to filter on.</summary>
    private static void ConsumeAround(ParseState s, int i, FrozenSet<string> words)
    {
        for (var k = i - 1; k >= 0 && k >= i - 4 && (words.Contains(s.Tokens[k].Text) || s.Tokens[k].Text is "savings" or "on" or "from" or "our" or "the"); k--)
        {
            s.Consume(k, 1);
        }

        for (var k = i + 1; k < s.Tokens.Count && k <= i + 5 && (words.Contains(s.Tokens[k].Text) || s.Tokens[k].Text is "savings" or "from" or "on" or "and" or "our" or "of" or "the" or "by"); k++)
        {
            if (s.Tokens[k].Text is "by" && !words.Contains(s.Tokens.ElementAtOrDefault(k + 1).Text ?? string.Empty))
            {
                break;
            }

            s.Consume(k, 1);
        }
    }

    /// <summary>"tax" and "credits" are FOCUS charge categories every export has: "excluding tax" leaves them out, "how much tax" selects them.</summary>
    private void ScanChargeWords(ParseState s)
    {
        for (var i = 0; i < s.Tokens.Count; i++)
        {
            var t = s.Tokens[i].Text;
            string? category = t switch
            {
                "tax" or "taxes" or "vat" => "Tax",
                "credit" or "credits" => "Credit",
                "pre-tax" or "ex-tax" or "pretax" => "Tax",
                _ => null,
            };
            if (category is null || s.Consumed[i] || _catalog.MatchAt(s.Tokens, i) is not null)
            {
                // A value in the data named "Tax" (some exports put tax in a service of that name) is matched like any value.
                continue;
            }

            var excluded = t is "pre-tax" or "ex-tax" or "pretax" || s.Is(i - 1, "before") || s.Is(i - 1, "pre") || Negated(s, i);
            var target = excluded ? s.Exclusions : s.Filters;
            if (!target.TryGetValue(Dimension.ChargeCategory, out var list))
            {
                list = [];
                target[Dimension.ChargeCategory] = list;
            }

            if (!list.Contains(category))
            {
                list.Add(category);
            }

            s.Consume(i, 1);
            if (s.Is(i - 1, "before") || s.Is(i - 1, "pre"))
            {
                s.Consume(i - 1, 1);
            }
        }
    }

    /// <summary>True when a negation ("except", "excluding", "non", "everything but") stands before position <paramref name="i"/>, skipping determiners and list words.</summary>
    private static bool Negated(ParseState s, int i)
    {
        for (var k = i - 1; k >= 0 && k >= i - 6; k--)
        {
            var t = s.Tokens[k].Text;
            if (NegationWords.Contains(t))
            {
                if (t == "but" && !(k > 0 && s.Tokens[k - 1].Text is "everything" or "all" or "anything"))
                {
                    return false;
                }

                if (t == "not" && k > 0 && s.Tokens[k - 1].Text is "did" or "do" or "does" or "is" or "was" or "has" or "have" or "why" or "are")
                {
                    return false;
                }

                return true;
            }

            if (t is "other" or "than" or "apart" or "from" or "leaving" or "out" or "the" or "our" or "any" or "and" or "or" or "nor" or "," || s.ValueToken[k])
            {
                continue;
            }

            return false;
        }

        return false;
    }

    private static bool NegationWordAt(ParseState s, int k) =>
        k >= 0 && k < s.Tokens.Count && (NegationWords.Contains(s.Tokens[k].Text) || (s.Tokens[k].Text == "than" && k > 0 && s.Tokens[k - 1].Text == "other")
            || (s.Tokens[k].Text == "from" && k > 0 && s.Tokens[k - 1].Text == "apart"));

    /// <summary>
    /// "i-0abc123", "vm-payments-01", "arn:aws:...", "/subscriptions/...": a typed resource id or name (letters and digits
    /// joined by '-', '/', ':', '_' or '.') that no other rule took filters on the resource. The answer checks that the
    /// data has it before running anything.
    /// </summary>
    private static void ScanResourceIds(ParseState s)
    {
        for (var i = 0; i < s.Tokens.Count; i++)
        {
            var t = s.Tokens[i].Text;
            if (s.Consumed[i] || t.Length < 4 || !t.Any(char.IsAsciiDigit) || !t.Any(char.IsAsciiLetter) || !t.Any(c => c is '-' or '/' or ':' or '_' or '.')
                || t.StartsWith("tag:", StringComparison.Ordinal) || t.StartsWith("fy", StringComparison.Ordinal) || t[0] == 'q' && t.Length <= 8)
            {
                continue;
            }

            if (!s.Filters.TryGetValue(Dimension.Resource, out var list))
            {
                list = [];
                s.Filters[Dimension.Resource] = list;
            }

            list.Add(t);
            s.Consume(i, 1);
            s.ValueToken[i] = true;
            s.ValueSpans.Add((i, 1, Dimension.Resource, [t], false));
            if (s.IsStem(i - 1, "resource") || s.IsStem(i - 1, "instance"))
            {
                s.Consume(i - 1, 1);
            }
        }
    }

    /// <summary>"everything except AWS", "non-production", "spend without payments": negated values move from the filters to the exclusions.</summary>
    private static void ScanExclusions(ParseState s)
    {
        foreach (var (start, length, dimension, values, _) in s.ValueSpans)
        {
            if (!Negated(s, start) && !(start > 0 && NegationWordAt(s, start - 1)))
            {
                continue;
            }

            if (s.Filters.TryGetValue(dimension, out var filtered))
            {
                filtered.RemoveAll(v => values.Contains(v, StringComparer.OrdinalIgnoreCase));
                if (filtered.Count == 0)
                {
                    s.Filters.Remove(dimension);
                }
            }

            if (!s.Exclusions.TryGetValue(dimension, out var excluded))
            {
                excluded = [];
                s.Exclusions[dimension] = excluded;
            }

            excluded.AddRange(values.Where(v => !excluded.Contains(v, StringComparer.OrdinalIgnoreCase)));
            for (var k = start - 1; k >= 0 && k >= start - 6; k--)
            {
                if (NegationWordAt(s, k) || s.Tokens[k].Text is "other" or "apart")
                {
                    s.Consume(k, 1);
                }
            }

            _ = length;
        }
    }

    /// <summary>"VMs on AWS": a generic word keeps only the named provider's services (the filter would give the same sum; the answer names one service).</summary>
    private static void NarrowGenericServices(ParseState s)
    {
        if (!s.Filters.TryGetValue(Dimension.Provider, out var providers) || !s.Filters.TryGetValue(Dimension.Service, out var services))
        {
            return;
        }

        foreach (var span in s.ValueSpans.Where(v => v.Generic && v.Dimension == Dimension.Service))
        {
            var others = span.Values.Where(v => ProviderOfService(v) is { } p && !providers.Any(x => p.Contains(x, StringComparer.OrdinalIgnoreCase))).ToList();
            if (others.Count < span.Values.Count)
            {
                services.RemoveAll(v => others.Contains(v, StringComparer.Ordinal));
            }
        }
    }

    /// <summary>The spellings of the provider that sells a well-known service, from the vendor word that starts its name.</summary>
    private static string[]? ProviderOfService(string service)
    {
        string[] aws = ["AWS", "Amazon Web Services", "Amazon"];
        string[] azure = ["Microsoft", "Microsoft Azure", "Azure"];
        string[] google = ["Google", "Google Cloud", "Google Cloud Platform", "GCP"];
        string[] oracle = ["Oracle", "Oracle Cloud Infrastructure", "OCI"];
        return service switch
        {
            _ when service.StartsWith("Amazon", StringComparison.Ordinal) || service.StartsWith("AWS", StringComparison.Ordinal) || service.StartsWith("Elastic Load", StringComparison.Ordinal) => aws,
            _ when service.StartsWith("Azure", StringComparison.Ordinal) || service.StartsWith("Microsoft", StringComparison.Ordinal) || service == "Virtual Machines" => azure,
            _ when service.StartsWith("OCI", StringComparison.Ordinal) || service.StartsWith("Oracle", StringComparison.Ordinal) || service == "Container Engine for Kubernetes" => oracle,
            _ when service.StartsWith("Google", StringComparison.Ordinal) || service.StartsWith("Cloud ", StringComparison.Ordinal) || service is "Compute Engine" or "Kubernetes Engine" or "BigQuery" => google,
            _ => null,
        };
    }

    /// <summary>Words that would change the answer and cannot be applied: recorded so the answer asks back instead of dropping them.</summary>
    private static void ScanUnappliedWords(ParseState s)
    {
        for (var i = 0; i < s.Tokens.Count; i++)
        {
            foreach (var (words, reason, replacements) in UnapplicableWords)
            {
                if (i + words.Length > s.Tokens.Count || Enumerable.Range(0, words.Length).Any(k => s.Consumed[i + k] || s.Tokens[i + k].Text != words[k]))
                {
                    continue;
                }

                var typed = string.Join(' ', words);
                var instead = replacements.Select(r => Replace(s.Tokens, i, words.Length, r)).Where(q => q.Length > 0).Distinct(StringComparer.Ordinal).ToList();
                s.Unapplied.Add(new UnappliedWord(typed, reason, instead));
                s.Consume(i, words.Length);
                break;
            }
        }
    }

    /// <summary>"except foo" where foo is not in the data: it cannot be left out, and answering with everything would be another question.</summary>
    private static void NegatedUnknownWords(ParseState s, List<string> unrecognised)
    {
        for (var i = 0; i < s.Tokens.Count; i++)
        {
            if (unrecognised.Contains(s.Tokens[i].Text) && i > 0 && (NegationWordAt(s, i - 1) || Negated(s, i)))
            {
                s.Unapplied.Add(new UnappliedWord(
                    s.Tokens[i - 1].Text + " " + s.Tokens[i].Text,
                    $"\"{s.Tokens[i].Text}\" is not a team, service or other value in the cost data, so it cannot be left out",
                    [Replace(s.Tokens, i - 1, 2, string.Empty)]));
                unrecognised.Remove(s.Tokens[i].Text);
            }
        }

        unrecognised.RemoveAll(NegationWords.Contains);
    }

    /// <summary>The question's words with <paramref name="length"/> of them at <paramref name="start"/> replaced.</summary>
    private static string Replace(List<Token> tokens, int start, int length, string replacement) =>
        string.Join(' ', tokens.Take(start).Select(t => t.Text).Append(replacement).Concat(tokens.Skip(start + length).Select(t => t.Text)).Where(w => w.Length > 0));

    /// <summary>"AWS per month from March to August", "weekly since September": a span with a bucket size is a trend over it.</summary>
    private static void RangeTrend(Words w)
    {
        if (w.Granularity is not null && w.Intent is QuestionIntent.Total or QuestionIntent.Breakdown or QuestionIntent.Compare && w.Absolute.Count == 1 && w.Relative is null
            && w.Absolute[0].Range.Days > 1 && !w.Has(CompareWords))
        {
            w.Intent = QuestionIntent.Trend;
        }
    }

    /// <summary>
    /// An average or a share applies to a total, a breakdown or a top N; savings are a total. Any other combination
    /// ("average ... vs last month") would drop the word: it is recorded as not applied, so the answer asks back.
    /// </summary>
    private static void MeasureFitsIntent(Words w)
    {
        var s = w.S;
        switch (s.Measure)
        {
            case QuestionMeasure.Savings or QuestionMeasure.SavingsRate or QuestionMeasure.UnusedCommitment:
                w.Intent = QuestionIntent.Total;
                s.GroupBy.Clear();
                s.TopN = null;
                break;
            case QuestionMeasure.Share when w.Intent is QuestionIntent.Compare or QuestionIntent.Drivers or QuestionIntent.Unallocated:
                // "by what percentage did spend grow", "what percent is unallocated": those answers state the percentage anyway.
                s.Measure = QuestionMeasure.Amount;
                break;
            case QuestionMeasure.WeekdaysVsWeekends:
                w.Intent = QuestionIntent.Total;
                break;
            case QuestionMeasure.AveragePerDay or QuestionMeasure.AveragePerMonth or QuestionMeasure.Share
                when w.Intent is not (QuestionIntent.Total or QuestionIntent.Breakdown or QuestionIntent.Top):
                var word = s.Measure == QuestionMeasure.Share ? "share" : "average";
                var kind = QueryJson.IntentName(w.Intent);
                var at = s.Tokens.FindIndex(t => (s.Measure == QuestionMeasure.Share ? ShareWords : AverageWords).Contains(t.Text) || t.Text == "burn");
                string[] instead = at < 0 ? [] : [Replace(s.Tokens, at, 1, string.Empty)];
                s.Unapplied.Add(new UnappliedWord(word, $"a {word} can be given for a total or a breakdown, not for a {kind}", instead));
                s.Measure = QuestionMeasure.Amount;
                break;
            case QuestionMeasure.AveragePerMonth when w.Intent is QuestionIntent.Breakdown or QuestionIntent.Top:
                s.Unapplied.Add(new UnappliedWord("monthly average", "a breakdown can be averaged per day, not per month", []));
                s.Measure = QuestionMeasure.Amount;
                break;
            default:
                break;
        }
    }
}
