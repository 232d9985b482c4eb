using System.Text.Json;
using Lens.Core.Flags;
using Lens.Core.Metrics;

namespace Lens.Core.Tests.Flags;

public class FlagBucketingTests
{
    public static TheoryData<string, string, string, int> Vectors()
    {
        // docs/flag-bucketing-vectors.json was generated with Python's hashlib, independently of this code.
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "flag-bucketing-vectors.json")));
        var data = new TheoryData<string, string, string, int>();
        foreach (var v in doc.RootElement.GetProperty("vectors").EnumerateArray())
            data.Add(v.GetProperty("flagKey").GetString()!, v.GetProperty("salt").GetString()!, v.GetProperty("userKey").GetString()!, v.GetProperty("bucket").GetInt32());
        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Bucket_PublishedVector_MatchesTheIndependentImplementation(string flag, string salt, string user, int bucket) =>
        Assert.Equal(bucket, FlagBucketing.Bucket(flag, salt, user));

    [Fact]
    public void Vectors_FileHasEnoughCases() => Assert.True(Vectors().Count >= 20);

    [Fact]
    public void Evaluate_RaisingPercent_OnlyAddsUsersToCandidate()
    {
        var users = Enumerable.Range(0, 5000).Select(i => $"u{i}").ToArray();
        HashSet<string>? previous = null;
        foreach (var percent in new[] { 1m, 5m, 10m, 50m, 100m })
        {
            var flag = new FlagState("f", percent, "salt", 1, false);
            var inCandidate = users.Where(u => FlagEvaluator.Evaluate(flag, u) == Variant.Candidate).ToHashSet();
            if (previous is not null) Assert.Superset(previous, inCandidate);
            previous = inCandidate;
        }
        Assert.Equal(users.Length, previous!.Count);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(10.0)]
    [InlineData(50.0)]
    public void Evaluate_ManyUsers_ServesCandidateCloseToPercent(double percent)
    {
        var flag = new FlagState("search", (decimal)percent, "abc", 1, false);
        var share = Enumerable.Range(0, 100_000).Count(i => FlagEvaluator.Evaluate(flag, $"user-{i}") == Variant.Candidate) / 1000.0;
        Assert.InRange(share, percent * 0.9 - 0.1, percent * 1.1 + 0.1);
    }

    [Fact]
    public void Evaluate_UnderKillSwitch_IsAlwaysBaseline()
    {
        var flag = new FlagState("f", 100m, "s", 1, KillSwitch: true);
        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal(Variant.Baseline, FlagEvaluator.Evaluate(flag, $"u{i}")));
    }

    [Theory]
    [InlineData(0.01, 1)]
    [InlineData(12.34, 1234)]
    [InlineData(100, 10000)]
    public void Threshold_HasHundredthOfAPercentGranularity(double percent, int threshold) =>
        Assert.Equal(threshold, FlagBucketing.Threshold((decimal)percent));
}
