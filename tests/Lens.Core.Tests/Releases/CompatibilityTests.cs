using Lens.Core.Releases;

namespace Lens.Core.Tests.Releases;

public class CompatibilityTests
{
    [Theory]
    [InlineData("v1", 1, 0, 0, null)]
    [InlineData("1.4", 1, 4, 0, null)]
    [InlineData("1.4.2", 1, 4, 2, null)]
    [InlineData("V2.0.1-rc.1", 2, 0, 1, "rc.1")]
    [InlineData("0.9.0+build.7", 0, 9, 0, null)]
    public void TryParse_ValidVersion_ReadsItsParts(string text, int major, int minor, int patch, string? pre)
    {
        Assert.True(SemanticVersion.TryParse(text, out var v));
        Assert.Equal(new SemanticVersion(major, minor, patch, pre), v);
    }

    [Theory]
    [InlineData("")]
    [InlineData("one")]
    [InlineData("1.2.3.4")]
    [InlineData("01.2")]
    [InlineData("v")]
    [InlineData("1.-2")]
    public void TryParse_NotAVersion_IsRefused(string text) => Assert.False(SemanticVersion.TryParse(text, out _));

    [Theory]
    [InlineData("v1", "v1", true)]
    [InlineData("1.2.0", "1.9.3", true)]
    [InlineData("v1", "v2", false)]
    [InlineData("2.0.0", "1.9.9", false)]
    [InlineData("0.3.1", "0.3.7", true)]
    [InlineData("0.3.1", "0.4.0", false)]
    [InlineData("1.0.0-beta", "1.2.0", true)]
    public void Check_SemVerRules_DifferentMajorIsIncompatible(string api, string index, bool compatible)
    {
        SemanticVersion.TryParse(api, out var a);
        SemanticVersion.TryParse(index, out var i);

        var verdict = Compatibility.Check(a, i);

        Assert.Equal(compatible, verdict.Compatible);
        Assert.False(string.IsNullOrWhiteSpace(verdict.Reason));
    }
}
