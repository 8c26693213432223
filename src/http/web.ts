import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export default async function routes(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  void app;
  void opts;
}
