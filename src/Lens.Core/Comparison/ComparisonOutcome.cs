namespace Lens.Core.Comparison;

/// <summary>What the evidence says about the candidate on one metric, from the baseline's side of the table.</summary>
public enum ComparisonOutcome
{
    /// <summary>The interval of the difference excludes "no difference" on the good side.</summary>
    Better,
    /// <summary>The interval of the difference excludes "no difference" on the bad side.</summary>
    Worse,
    /// <summary>The interval still holds "no difference" (or there is too little data to form one).</summary>
    NotYetKnown,
}
