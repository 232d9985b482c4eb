return Lens.Cli.LensCli.Run(args, Console.Out, Console.Error);
