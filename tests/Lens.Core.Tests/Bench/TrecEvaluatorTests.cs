using Lens.Core.Bench;

namespace Lens.Core.Tests.Bench;

/// <summary>
/// Reference values worked by hand from trec_eval 10.0's definitions (relevance level 1, ranking by score with ties by
/// docno descending, the document at rank r divided by log2(r + 1) in nDCG, means over queries in both files), and
/// checked with trec_eval 10.0 itself on the same files without q3 (it stops on a query only in the qrels).
/// </summary>
public class TrecEvaluatorTests
{
    // q1: graded judgments, a tie in score with an unjudged document (d9), relevant documents below rank 1.
    // q2: judged, but nothing relevant: it still counts toward the mean, scoring 0.
    // q3: in the qrels only; q4: in the run only: neither is evaluated.
    // q5: equal scores, and a rank column that contradicts them: trec_eval ignores the rank column.
    private const string Qrels = """
        q1 0 d1 2
        q1 0 d2 1
        q1 0 d3 0
        q1 0 d4 1
        q2 0 d5 0
        q2 0 d6 0
        q3 0 d7 1
        q5 0 a 1
        q5 0 b 3
        """;

    private const string Run = """
        q1 Q0 d3 1 5.0 test
        q1 Q0 d1 2 4.0 test
        q1 Q0 d9 3 4.0 test
        q1 Q0 d2 4 3.0 test
        q1 Q0 d4 5 1.0 test
        q2 Q0 d5 1 2.0 test
        q2 Q0 d6 2 1.0 test
        q4 Q0 x 1 1.0 test
        q5 Q0 a 1 0.9 test
        q5 Q0 b 2 0.9 test
        """;

    private static TrecEvaluation Evaluate() => TrecEvaluator.Evaluate(
        TrecFiles.ReadQrels(new StringReader(Qrels), "qrels"),
        TrecFiles.ReadRun(new StringReader(Run), "run"),
        TrecMeasure.Defaults);

    // q1 ranked: d3 (0), d9 (unjudged; "d9" > "d1" breaks the 4.0 tie), d1 (2), d2 (1), d4 (1); 3 relevant.
    //   map = (1/3 + 2/4 + 3/5) / 3 = 0.47778;  recip_rank = 1/3;  P_1 = 0;  recall_50 = 3/3
    //   DCG = 2/log2 4 + 1/log2 5 + 1/log2 6 = 1.81753;  IDCG = 2/log2 2 + 1/log2 3 + 1/log2 4 = 3.13093;  nDCG = 0.58051
    // q5 ranked: b (3) before a (1) on the 0.9 tie, whatever the rank column says.
    //   map = (1/1 + 2/2)/2 = 1;  recip_rank = 1;  P_1 = 1;  recall_50 = 1;  DCG = 3/log2 2 + 1/log2 3 = IDCG: nDCG = 1
    [Theory]
    [InlineData("q1", "map", 0.47778)]
    [InlineData("q1", "recip_rank", 0.33333)]
    [InlineData("q1", "P_1", 0)]
    [InlineData("q1", "recall_50", 1)]
    [InlineData("q1", "ndcg_cut_10", 0.58051)]
    [InlineData("q2", "map", 0)]
    [InlineData("q2", "ndcg_cut_10", 0)]
    [InlineData("q2", "recall_50", 0)]
    [InlineData("q5", "P_1", 1)]
    [InlineData("q5", "ndcg_cut_10", 1)]
    [InlineData("q5", "map", 1)]
    public void Evaluate_PerQuery_MatchesHandComputedValue(string qid, string measure, double expected)
    {
        var evaluation = Evaluate();
        var index = evaluation.Measures.ToList().FindIndex(m => m.Name == measure);
        var values = evaluation.PerQuery.Single(q => q.Qid == qid).Values;
        Assert.Equal(expected, values[index], 5);
    }

    [Fact]
    public void Evaluate_OnlyQueriesInBothFiles_CountTowardTheMean()
    {
        var evaluation = Evaluate();
        Assert.Equal(["q1", "q2", "q5"], evaluation.PerQuery.Select(q => q.Qid));
    }

    [Fact]
    public void Format_Trec_PrintsTrecEvalLayoutInMeasureTableOrder()
    {
        var text = TrecOutput.Format(Evaluate(), perQuery: false);
        // Means over q1, q2, q5: map (0.47778+0+1)/3, recip (1/3+0+1)/3, P_1 1/3, recall (1+0+1)/3, nDCG (0.58051+0+1)/3.
        Assert.Equal(
            "map                   \tall\t0.4926\n" +
            "recip_rank            \tall\t0.4444\n" +
            "P_1                   \tall\t0.3333\n" +
            "recall_50             \tall\t0.6667\n" +
            "ndcg_cut_10           \tall\t0.5268\n", text);
    }

    [Fact]
    public void Format_PerQuery_ListsQueriesThenAll()
    {
        var lines = TrecOutput.Format(Evaluate(), perQuery: true).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(20, lines.Length);
        Assert.Equal("map                   \tq1\t0.4778", lines[0]);
        Assert.Equal("ndcg_cut_10           \tq1\t0.5805", lines[4]);
        Assert.Equal("P_1                   \tq5\t1.0000", lines[12]);
        Assert.StartsWith("map                   \tall\t", lines[15]);
    }

    [Theory]
    [InlineData(0.03125, "0.0312")]   // exact binary tie: to even, as printf does
    [InlineData(0.09375, "0.0938")]   // exact tie, 937.5 to even
    [InlineData(0.00005, "0.0001")]   // 0.00005 is stored slightly above the tie
    [InlineData(1.0 / 3, "0.3333")]
    [InlineData(0.0, "0.0000")]
    [InlineData(1.0, "1.0000")]
    [InlineData(12.5, "12.5000")]
    public void FourDecimals_RoundsLikePrintf(double value, string expected) =>
        Assert.Equal(expected, TrecOutput.FourDecimals(value));

    [Theory]
    [InlineData("q1 0 d1\n", "qrels:1:")]
    [InlineData("q1 0 d1 1\nq1 0 d2 high\n", "qrels:2:")]
    [InlineData("q1 0 d1 1\nq1 0 d1 2\n", "judged twice")]
    public void ReadQrels_MalformedLine_NamesFileAndLine(string text, string expected)
    {
        var error = Assert.Throws<TrecFormatException>(() => TrecFiles.ReadQrels(new StringReader(text), "qrels"));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("q1 Q0 d1 1 0.5\n", "run:1:")]
    [InlineData("q1 Q0 d1 1 0.5 t\nq1 Q0 d2 2 nan t\n", "run:2:")]
    [InlineData("q1 Q0 d1 1 0.5 t\nq1 Q0 d1 2 0.4 t\n", "retrieved twice")]
    public void ReadRun_MalformedLine_NamesFileAndLine(string text, string expected)
    {
        var error = Assert.Throws<TrecFormatException>(() => TrecFiles.ReadRun(new StringReader(text), "run"));
        Assert.Contains(expected, error.Message);
    }

    // Runs are parsed in chunks (one per core) split where the query changes; a query listed again further down
    // must still come together, and a repeat across the listings must still be caught on its own line.
    [Fact]
    public void ReadRun_QueryListedAgainLater_ResultsComeTogether()
    {
        var run = TrecFiles.ReadRun(new StringReader("q1 Q0 d1 1 0.9 t\nq2 Q0 d5 1 0.8 t\nq2 Q0 d6 2 0.7 t\nq1 Q0 d2 2 0.95 t\n"), "run");

        Assert.Equal(["d1", "d2"], run["q1"].Select(r => r.DocNo).Order());
        Assert.Equal(2, run["q2"].Count);
    }

    [Fact]
    public void ReadRun_RepeatInLaterListing_NamesItsLine()
    {
        var error = Assert.Throws<TrecFormatException>(() =>
            TrecFiles.ReadRun(new StringReader("q1 Q0 d1 1 0.9 t\nq2 Q0 d5 1 0.8 t\nq2 Q0 d6 2 0.7 t\nq1 Q0 d1 2 0.5 t\n"), "run"));

        Assert.Equal(4, error.Line);
        Assert.Contains("retrieved twice", error.Message);
    }

    [Theory]
    [InlineData("ndcg_cut_10", "ndcg_cut", 10)]
    [InlineData("P_5", "P", 5)]
    [InlineData("recall_1000", "recall", 1000)]
    [InlineData("map", "map", 0)]
    public void Parse_MeasureName_KnowsFamilyAndCutoff(string name, string family, int cutoff) =>
        Assert.Equal(new TrecMeasure(family, cutoff), TrecMeasure.Parse(name));

    [Theory]
    [InlineData("P_0")]
    [InlineData("ndcg")]
    [InlineData("bpref")]
    public void Parse_UnknownMeasure_Throws(string name) => Assert.Throws<ArgumentException>(() => TrecMeasure.Parse(name));
}
