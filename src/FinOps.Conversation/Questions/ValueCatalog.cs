using FinOps.Core.Query;

namespace FinOps.Conversation.Questions;

/// <summary>The dimension values present in the store, indexed once for resolving the words of questions.</summary>
/// <remarks>
/// Built from <see cref="ICostQueryService.GetDimensionValuesAsync"/> for team, service, category, provider,
/// region, account, environment and a few tag keys. Each value is indexed by its words (singular stems),
/// by a shorter alias without the vendor word ("Elastic Compute Cloud") and by the built-in synonyms whose
/// target exists ("EC2", "Azure", "untagged"). Matching is a dictionary lookup on the first word followed by
/// a comparison of the few phrases starting with it; typo tolerance scans only values of similar length.
/// </remarks>
public sealed class ValueCatalog
{
    private const int ExactScore = 3;
    private const int AliasScore = 2;
    private const int WordScore = 1;
    private const int MaxWordCandidates = 5;

    private static readonly DimensionKind[] StandardKinds =
    [
        DimensionKind.Team, DimensionKind.Service, DimensionKind.Category, DimensionKind.Provider,
        DimensionKind.Region, DimensionKind.Account, DimensionKind.Environment,
    ];

    private readonly Dictionary<Dimension, IReadOnlyList<string>> _values;
    private readonly Dictionary<string, List<Entry>> _byFirstStem = new(StringComparer.Ordinal);
    private readonly List<Entry> _singleWordEntries = [];
    private readonly Dictionary<(ValueMatch Match, string Phrase), Entry> _indexed = [];

    public ValueCatalog(IReadOnlyDictionary<Dimension, IReadOnlyList<string>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new Dictionary<Dimension, IReadOnlyList<string>>();
        foreach (var (dimension, list) in values)
        {
            // The engine shows missing values as "(untagged)" / "(none)". People say "untagged" meaning the
            // Unallocated team (a synonym), so these placeholders are not names to match words against.
            _values[dimension] = list.Where(v => !string.IsNullOrWhiteSpace(v) && !IsPlaceholder(v)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        }

        // Unallocated is a team in every breakdown even before anything is unallocated.
        if (!_values.TryGetValue(Dimension.Team, out var teams) || !teams.Contains(ValueSynonyms.UnallocatedTeam, StringComparer.OrdinalIgnoreCase))
        {
            _values[Dimension.Team] = [.. teams ?? [], ValueSynonyms.UnallocatedTeam];
        }

        TagKeys = _values.Keys.Where(d => d.Kind == DimensionKind.Tag).Select(d => d.TagKey!).ToArray();
        Index();
    }

    private static bool IsPlaceholder(string value) => value.Length > 2 && value[0] == '(' && value[^1] == ')';

    public static ValueCatalog Empty { get; } = new(new Dictionary<Dimension, IReadOnlyList<string>>());

    /// <summary>The tag keys whose values are indexed (lower case).</summary>
    public IReadOnlyList<string> TagKeys { get; }

    public IEnumerable<Dimension> Dimensions => _values.Keys;

    /// <summary>Loads the values of the standard dimensions and of <paramref name="tagKeys"/> from the store.</summary>
    public static async Task<ValueCatalog> LoadAsync(ICostQueryService queries, IEnumerable<string> tagKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(tagKeys);
        var dimensions = StandardKinds.Select(Dimension.Of).Concat(tagKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(Dimension.Tag)).Distinct();
        var values = new Dictionary<Dimension, IReadOnlyList<string>>();
        foreach (var dimension in dimensions)
        {
            try
            {
                values[dimension] = await queries.GetDimensionValuesAsync(dimension, cancellationToken);
            }
            catch (NotSupportedException)
            {
                // A store that cannot list a dimension (e.g. team before allocation exists) still lets
                // questions about the other dimensions work; words for this one stay unrecognised.
                values[dimension] = [];
            }
        }

        return new ValueCatalog(values);
    }

    public IReadOnlyList<string> ValuesOf(Dimension dimension) =>
        _values.TryGetValue(dimension, out var list) ? list : [];

    /// <summary>The value as spelled in the store, compared case-insensitively; null when the store lacks it.</summary>
    public string? Canonical(Dimension dimension, string value) =>
        ValuesOf(dimension).FirstOrDefault(v => string.Equals(v, value.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The best phrase starting at <paramref name="start"/>: longest first, then exact before alias; null when none.</summary>
    internal CatalogHit? MatchAt(IReadOnlyList<Token> tokens, int start)
    {
        if (!_byFirstStem.TryGetValue(tokens[start].Stem, out var entries))
        {
            return null;
        }

        var bestLength = 0;
        var bestScore = 0;
        var bestIsArea = false;
        var bestIsGeneric = false;
        List<ValueMatch>? best = null;
        foreach (var entry in entries)
        {
            if (entry.Stems.Length < bestLength || start + entry.Stems.Length > tokens.Count || !PhraseEquals(tokens, start, entry.Stems))
            {
                continue;
            }

            if (entry.Stems.Length > bestLength || entry.Score > bestScore)
            {
                bestLength = entry.Stems.Length;
                bestScore = entry.Score;
                bestIsArea = entry.IsArea;
                bestIsGeneric = entry.IsGeneric;
                best = [entry.Match];
            }
            else if (entry.Score == bestScore && !best!.Contains(entry.Match))
            {
                best.Add(entry.Match);
                bestIsArea &= entry.IsArea;
                // A generic word ("virtual machine") also spelled like one provider's service: still all of that kind.
                bestIsGeneric |= entry.IsGeneric;
            }
        }

        // A word shared by many names ("engine" in a dozen services) is too vague to ask back about.
        if (best is null || (bestScore == WordScore && best.Count > MaxWordCandidates))
        {
            return null;
        }

        // A value spelled exactly like another dimension's well-known name (a team tagged "machine learning" next to
        // the category people call machine learning) is as likely to mean either: both are candidates, so the bot asks.
        if (bestScore == ExactScore)
        {
            foreach (var entry in entries)
            {
                if (entry.Score == AliasScore && entry.Stems.Length == bestLength && entry.IsSynonym && PhraseEquals(tokens, start, entry.Stems)
                    && best.TrueForAll(b => b.Dimension != entry.Match.Dimension) && !best.Contains(entry.Match))
                {
                    best.Add(entry.Match);
                }
            }
        }

        return new CatalogHit(bestLength, bestScore, best) { AllOf = bestIsArea || bestIsGeneric, Generic = bestIsGeneric };
    }

    /// <summary>Single-word values within a small edit distance of <paramref name="token"/> (the closest ones only).</summary>
    internal CatalogHit? MatchFuzzy(Token token)
    {
        var word = token.Stem;
        var maxDistance = token.Text.Length >= 9 ? 2 : 1;
        var bestDistance = int.MaxValue;
        List<ValueMatch>? best = null;
        foreach (var entry in _singleWordEntries)
        {
            var candidate = entry.Stems[0];
            if (candidate.Length < 4 || Math.Abs(candidate.Length - word.Length) > maxDistance)
            {
                continue;
            }

            var distance = EditDistance.Bounded(word, candidate, maxDistance);
            if (distance > maxDistance || distance > bestDistance)
            {
                continue;
            }

            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = [entry.Match];
            }
            else if (!best!.Contains(entry.Match))
            {
                best.Add(entry.Match);
            }
        }

        return best is null ? null : new CatalogHit(1, 1, best, bestDistance);
    }

    private static bool PhraseEquals(IReadOnlyList<Token> tokens, int start, string[] stems)
    {
        for (var k = 0; k < stems.Length; k++)
        {
            if (!string.Equals(tokens[start + k].Stem, stems[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private void Index()
    {
        foreach (var (dimension, list) in _values)
        {
            foreach (var value in list)
            {
                var match = new ValueMatch(dimension, value);
                var stems = Tokenizer.Tokenize(value).Select(t => t.Stem).ToArray();
                Add(stems, match, ExactScore);

                // "payments-team" style values also answer to their words separated.
                // Not for "payments-team" when "payments" is a team too: "the payments team" means the latter.
                var split = Tokenizer.Tokenize(value.Replace('-', ' ').Replace('_', ' ')).Select(t => t.Stem).ToArray();
                if (split.Length != stems.Length && !IsDimensionSuffixOfExisting(dimension, list, split))
                {
                    Add(split, match, AliasScore);
                }

                // A distinctive word of a longer name ("kubernetes") names it too; several values sharing it ask back.
                if (stems.Length > 1)
                {
                    foreach (var word in stems.Distinct())
                    {
                        if (word.Length >= 4 && !word.Any(char.IsDigit) && !Vocabulary.CommonWords.Contains(word) && !ValueSynonyms.VendorPrefixes.Contains(word))
                        {
                            Add([word], match, WordScore, fuzzy: false);
                        }
                    }
                }

                if (dimension.Kind == DimensionKind.Service && stems.Length > 1 && ValueSynonyms.VendorPrefixes.Contains(stems[0]))
                {
                    var rest = stems[1..];
                    if (rest.Length > 1 || !Vocabulary.CommonWords.Contains(rest[0]))
                    {
                        Add(rest, match, AliasScore);
                    }
                }
            }
        }

        foreach (var (phrase, kind, targets) in ValueSynonyms.All)
        {
            var dimension = Dimension.Of(kind);
            var target = ResolveSynonymTarget(dimension, targets);
            if (target is not null)
            {
                Add(Tokenizer.Tokenize(phrase).Select(t => t.Stem).ToArray(), new ValueMatch(dimension, target), AliasScore, synonym: true);
            }
        }

        foreach (var (phrase, contains) in RegionAreas.All)
        {
            var stems = Tokenizer.Tokenize(phrase).Select(t => t.Stem).ToArray();
            foreach (var region in ValuesOf(Dimension.Region).Where(contains))
            {
                Add(stems, new ValueMatch(Dimension.Region, region), AliasScore, fuzzy: false, area: true);
            }
        }

        foreach (var (phrase, kind, targets) in ValueSynonyms.Generic)
        {
            var dimension = Dimension.Of(kind);
            var stems = Tokenizer.Tokenize(phrase).Select(t => t.Stem).ToArray();
            foreach (var target in targets.Select(t => Canonical(dimension, t)).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                // One kind of service ("VMs"): every provider's that the company uses, not a question back.
                Add(stems, new ValueMatch(dimension, target), AliasScore, fuzzy: false, generic: true);
            }
        }
    }

    private static bool IsDimensionSuffixOfExisting(Dimension dimension, IReadOnlyList<string> values, string[] split) =>
        split.Length > 1 && dimension.Kind == DimensionKind.Team && split[^1] == "team"
        && values.Any(v => string.Equals(Tokenizer.Stem(v.ToLowerInvariant()), string.Join(' ', split[..^1]), StringComparison.Ordinal));

    private string? ResolveSynonymTarget(Dimension dimension, string[] targets)
    {
        foreach (var target in targets)
        {
            var exact = Canonical(dimension, target);
            if (exact is not null)
            {
                return exact;
            }
        }

        return null;
    }

    private void Add(string[] stems, ValueMatch match, int score, bool fuzzy = true, bool synonym = false, bool area = false, bool generic = false)
    {
        if (stems.Length == 0)
        {
            return;
        }

        if (!_byFirstStem.TryGetValue(stems[0], out var list))
        {
            list = [];
            _byFirstStem[stems[0]] = list;
        }

        var key = (match, string.Join(' ', stems));
        var fuzzyEntry = stems.Length == 1 && fuzzy;
        if (_indexed.TryGetValue(key, out var existing))
        {
            // The same phrase indexed again with a stronger role ("cloudfront" first as a word of "Amazon CloudFront",
            // then as its alias) takes the stronger score and typo tolerance.
            var wasFuzzy = _singleWordEntries.Contains(existing);
            if (score <= existing.Score && (!fuzzyEntry || wasFuzzy) && (!synonym || existing.IsSynonym))
            {
                return;
            }

            list.Remove(existing);
            _singleWordEntries.Remove(existing);
            score = Math.Max(score, existing.Score);
            fuzzyEntry |= wasFuzzy;
        }

        var entry = new Entry(stems, match, score) { IsSynonym = synonym || existing?.IsSynonym == true, IsArea = area, IsGeneric = generic };
        _indexed[key] = entry;
        list.Add(entry);
        if (fuzzyEntry)
        {
            _singleWordEntries.Add(entry);
        }
    }

    private sealed record Entry(string[] Stems, ValueMatch Match, int Score)
    {
        /// <summary>Indexed from <see cref="ValueSynonyms.All"/> rather than from the value's own spelling.</summary>
        public bool IsSynonym { get; init; }

        /// <summary>Indexed from <see cref="RegionAreas"/>: one of the regions a place name stands for.</summary>
        public bool IsArea { get; init; }

        /// <summary>Indexed from <see cref="ValueSynonyms.Generic"/>: one of the services of a kind ("VMs").</summary>
        public bool IsGeneric { get; init; }
    }
}
