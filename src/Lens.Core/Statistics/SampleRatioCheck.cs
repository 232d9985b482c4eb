namespace Lens.Core.Statistics;

/// <summary>
/// Whether services serve the split the flag asks for: a chi-square test of baseline and candidate request counts
/// against the intended share. A real mismatch (p below <see cref="DefaultAlpha"/>) means assignment or logging is
/// broken, and no comparison of the two variants can be trusted while it stands.
/// </summary>
public static class SampleRatioCheck
{
    public const double DefaultAlpha = 0.001;

    /// <summary>Null when there is nothing to test: no traffic, or an intended share of 0% or 100% (a single arm).</summary>
    public static SampleRatioResult? Judge(long baselineRequests, long candidateRequests, decimal intendedCandidatePercent, double alpha = DefaultAlpha)
    {
        if (intendedCandidatePercent <= 0 || intendedCandidatePercent >= 100 || baselineRequests + candidateRequests == 0) return null;
        var share = (double)intendedCandidatePercent / 100;
        var test = ChiSquareTest.GoodnessOfFit([baselineRequests, candidateRequests], [1 - share, share]);
        var served = (double)candidateRequests / (baselineRequests + candidateRequests);
        return new SampleRatioResult(test.Statistic, test.P, served, share, test.P < alpha, alpha);
    }
}
