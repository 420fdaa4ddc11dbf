package io.punktfunk.cli.fec;

import io.punktfunk.core.fec.ErasureCoder;
import io.punktfunk.core.fec.ErasureCoders;
import io.punktfunk.core.fec.conformance.FecVector;
import io.punktfunk.core.fec.conformance.FecVectorCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code punktfunk fec verify FILE...}: checks every vector of each file, one line per vector. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check the FEC coders against conformance vector files (gf16-leopard, gf8-nanors).")
public final class FecVerifyCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "vectors file(s), e.g. punktfunk-core/src/test/resources/vectors/fec/gf16-leopard.json")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int passed = 0;
        int failed = 0;
        for (Path file : files) {
            List<FecVector> vectors = FecVectorFile.read(file);
            ErasureCoder coder = vectors.isEmpty() ? null : ErasureCoders.create(vectors.getFirst().scheme());
            for (FecVector v : vectors) {
                FecVectorCheck.Result r = FecVectorCheck.run(coder, v);
                if (r.passed()) {
                    passed++;
                    out.println("PASS " + v.label());
                } else {
                    failed++;
                    out.println("FAIL " + v.label() + ": " + r.failure());
                }
                out.flush();
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}
