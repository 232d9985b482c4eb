using System.Globalization;
using System.Numerics;
using System.Text;

namespace Lens.Core.Bench;

/// <summary>Writes an evaluation in trec_eval's layout: <c>%-22s\t%s\t%6.4f</c> per line, per query (if asked) then "all".</summary>
public static class TrecOutput
{
    public static string Format(TrecEvaluation evaluation, bool perQuery)
    {
        var text = new StringBuilder();
        if (perQuery)
            foreach (var (qid, values) in evaluation.PerQuery)
                for (var m = 0; m < evaluation.Measures.Count; m++) Line(text, evaluation.Measures[m].Name, qid, values[m]);
        for (var m = 0; m < evaluation.Measures.Count; m++) Line(text, evaluation.Measures[m].Name, "all", evaluation.Means[m]);
        return text.ToString();
    }

    private static void Line(StringBuilder text, string measure, string qid, double value) =>
        text.Append(measure.PadRight(22)).Append('\t').Append(qid).Append('\t').Append(FourDecimals(value)).Append('\n');

    /// <summary>A difference between two measures: four decimals as trec_eval prints them, with "+" when it went up.</summary>
    public static string SignedFourDecimals(double difference) => (difference > 0 ? "+" : "") + FourDecimals(difference);

    /// <summary>
    /// C's %.4f: the exact binary value rounded to 4 decimals, ties to even. .NET's "F4" breaks exact ties away from
    /// zero (0.03125 → 0.0313 where printf gives 0.0312), so the rounding is done here on exact integers.
    /// </summary>
    public static string FourDecimals(double value)
    {
        if (!double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        var negative = value < 0 || (value == 0 && double.IsNegative(value));
        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        if (exponent == 0) exponent = 1; else mantissa |= 1L << 52;
        exponent -= 1075; // value = mantissa × 2^exponent

        BigInteger scaled;
        var numerator = new BigInteger(mantissa) * 10_000;
        if (exponent >= 0)
        {
            scaled = numerator << exponent;
        }
        else
        {
            var denominator = BigInteger.One << -exponent;
            scaled = BigInteger.DivRem(numerator, denominator, out var remainder);
            var twice = remainder * 2;
            if (twice > denominator || (twice == denominator && !scaled.IsEven)) scaled += 1;
        }
        var digits = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(5, '0');
        var sign = negative && scaled != 0 ? "-" : "";
        return $"{sign}{digits[..^4]}.{digits[^4..]}";
    }
}
