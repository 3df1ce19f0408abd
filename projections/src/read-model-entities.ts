import { ProjectionCheckpoint } from './shared/checkpoint.entity';
import { LineHistoryView, LinePaguView, OfficeView, PlanLineView } from './plan/plan.entities';

/** Every TypeORM entity of the read models, for a DataSource or TypeOrmModule. */
export const readModelEntities = [ProjectionCheckpoint, OfficeView, PlanLineView, LinePaguView, LineHistoryView];
