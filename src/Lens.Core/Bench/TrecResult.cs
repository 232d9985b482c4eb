namespace Lens.Core.Bench;

/// <summary>One retrieved document of a run: its docno and the score it was ranked by.</summary>
public readonly record struct TrecResult(string DocNo, double Score);
